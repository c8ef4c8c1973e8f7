// kpml/kpml_entry.cpp: the one exported symbol of kpml.so.
#include "kpml_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::kpml::kpml_descriptor)
