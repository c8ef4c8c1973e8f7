// mwi/mwi_entry.cpp: the one exported symbol of mwi.so.
#include "lineside/plugin.hpp"
#include "mwi_descriptor.hpp"

LINESIDE_MODULE_ENTRY(lineside::mwi::mwi_descriptor)
