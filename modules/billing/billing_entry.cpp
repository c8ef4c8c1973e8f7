// billing/billing_entry.cpp: the one exported symbol of billing.so.
#include "billing_descriptor.hpp"
#include "lineside/plugin.hpp"

LINESIDE_MODULE_ENTRY(lineside::billing::billing_descriptor)
