// transport/transport_entry.cpp: the one exported symbol of transport.so.
#include "transport_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::transport::transport_descriptor)
