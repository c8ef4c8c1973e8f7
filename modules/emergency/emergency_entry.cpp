// emergency/emergency_entry.cpp: the one exported symbol of emergency.so.
#include "emergency_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::emergency::emergency_descriptor)
