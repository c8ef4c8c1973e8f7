// srtp-media/srtp_media_descriptor.hpp: the srtp-media module's descriptor.
#pragma once

#include "lineside/module.h"

namespace lineside::media {

const ls_module_descriptor_t &srtp_media_descriptor();

}  // namespace lineside::media
