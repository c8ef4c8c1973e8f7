// routes/routes_entry.cpp: the one exported symbol of routes.so.
#include "lineside/plugin.hpp"
#include "routes_descriptor.hpp"

LINESIDE_MODULE_ENTRY(lineside::routes::routes_descriptor)
