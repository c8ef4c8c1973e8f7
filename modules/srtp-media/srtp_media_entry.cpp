// srtp-media/srtp_media_entry.cpp: the one exported symbol of srtp-media.so.
#include "lineside/plugin.hpp"
#include "srtp_media_descriptor.hpp"

LINESIDE_MODULE_ENTRY(lineside::media::srtp_media_descriptor)
