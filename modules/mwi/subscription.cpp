// mwi/subscription.cpp: store records of subscriptions; transport names.
#include "subscription.hpp"

#include "mailbox_state.hpp"
#include "record_codec.hpp"

namespace lineside::mwi {
namespace {

constexpr std::string_view kHeader = "lineside-mwi-subscription 1";
constexpr int64_t kMaxRoutes = 16;

}  // namespace

const char *transport_name(uint32_t transport) {
  switch (transport) {
    case LS_TRANSPORT_UDP:
      return "udp";
    case LS_TRANSPORT_TCP:
      return "tcp";
    case LS_TRANSPORT_TLS:
      return "tls";
    default:
      return "unknown";
  }
}

std::string encode_subscription(const Subscription &s) {
  RecordWriter w(kHeader);
  w.text("id", s.id)
      .text("call_id", s.call_id)
      .text("remote_tag", s.remote_tag)
      .text("remote_party", s.remote_party)
      .text("local_party", s.local_party)
      .text("remote_target", s.remote_target)
      .text("event_id", s.event_id)
      .number("local_cseq", s.local_cseq)
      .number("remote_cseq", s.remote_cseq)
      .text("device_id", s.device_id)
      .text("device_user", s.device_user)
      .text("mailbox", s.mailbox)
      .number("follows_device", s.follows_device ? 1 : 0)
      .number("transport", s.transport)
      .text("source_addr", s.source_addr)
      .number("source_port", s.source_port)
      .number("created_at", s.created_at)
      .number("expires_at", s.expires_at)
      .number("routes", static_cast<int64_t>(s.route_set.size()));
  for (size_t i = 0; i < s.route_set.size(); ++i)
    w.text("route" + std::to_string(i), s.route_set[i]);
  return w.str();
}

std::optional<Subscription> decode_subscription(std::string_view key, std::string_view value) {
  auto r = RecordReader::parse(value, kHeader);
  if (!r) return std::nullopt;
  Subscription s;
  auto text = [&](std::string_view name, std::string &out) {
    auto v = r->text(name);
    if (v) out = std::move(*v);
    return v.has_value();
  };
  const bool texts = text("id", s.id) && text("call_id", s.call_id) &&
                     text("remote_tag", s.remote_tag) && text("remote_party", s.remote_party) &&
                     text("local_party", s.local_party) && text("remote_target", s.remote_target) &&
                     text("event_id", s.event_id) && text("device_id", s.device_id) &&
                     text("device_user", s.device_user) && text("mailbox", s.mailbox) &&
                     text("source_addr", s.source_addr);
  const auto local_cseq = r->number("local_cseq", 0, UINT32_MAX);
  const auto remote_cseq = r->number("remote_cseq", 0, UINT32_MAX);
  const auto follows = r->number("follows_device", 0, 1);
  const auto transport = r->number("transport", LS_TRANSPORT_UDP, LS_TRANSPORT_TLS);
  const auto port = r->number("source_port", 0, 65535);
  const auto created = r->number("created_at", 0, INT64_MAX);
  const auto expires = r->number("expires_at", 0, INT64_MAX);
  const auto routes = r->number("routes", 0, kMaxRoutes);
  if (!texts || !local_cseq || !remote_cseq || !follows || !transport || !port || !created ||
      !expires || !routes || s.id != key || s.id.empty() || s.call_id.empty() ||
      s.remote_target.empty() || !valid_mailbox_name(s.mailbox))
    return std::nullopt;
  for (int64_t i = 0; i < *routes; ++i) {
    auto route = r->text("route" + std::to_string(i));
    if (!route) return std::nullopt;
    s.route_set.push_back(std::move(*route));
  }
  s.local_cseq = static_cast<uint32_t>(*local_cseq);
  s.remote_cseq = static_cast<uint32_t>(*remote_cseq);
  s.follows_device = *follows == 1;
  s.transport = static_cast<uint32_t>(*transport);
  s.source_port = static_cast<uint32_t>(*port);
  s.created_at = *created;
  s.expires_at = *expires;
  return s;
}

}  // namespace lineside::mwi
