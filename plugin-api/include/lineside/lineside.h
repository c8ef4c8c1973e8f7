/* lineside/lineside.h: umbrella header a module includes to get the whole C plugin ABI. */
#ifndef LINESIDE_LINESIDE_H
#define LINESIDE_LINESIDE_H

#include "lineside/abi.h"
#include "lineside/call.h"
#include "lineside/config_schema.h"
#include "lineside/events.h"
#include "lineside/hooks.h"
#include "lineside/host.h"
#include "lineside/module.h"
#include "lineside/sip.h"
#include "lineside/providers/capabilities.h"
#include "lineside/providers/directory.h"
#include "lineside/providers/kpml.h"
#include "lineside/providers/location.h"

#endif /* LINESIDE_LINESIDE_H */
