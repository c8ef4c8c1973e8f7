// registrar/registrar_entry.cpp: the one exported symbol of registrar.so.
#include "registrar_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::registrar::registrar_descriptor)
