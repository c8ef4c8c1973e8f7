// auth/module_entry.cpp: the one exported symbol of auth.so.
#include "auth_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::auth::auth_descriptor)
