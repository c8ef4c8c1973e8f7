// transfer/transfer_entry.cpp: the one exported symbol of transfer.so.
#include "lineside/plugin.hpp"
#include "transfer_descriptor.hpp"

LINESIDE_MODULE_ENTRY(lineside::transfer::transfer_descriptor)
