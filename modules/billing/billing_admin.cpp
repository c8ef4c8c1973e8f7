// billing/billing_admin.cpp: GET /api/v1/billing/status (records written, queue, collectors,
// last error).
#include <string>
#include <string_view>

#include "billing_module.hpp"
#include "text_encoding.hpp"

namespace lineside::billing {
namespace {

void reply_json(const Host &host, ls_admin_reply_t *reply, uint32_t status,
                const std::string &body) {
  host.raw()->admin_reply(reply, status, nullptr, body.data(), body.size());
}

std::string file_json(const RecordWriter *writer, const WriterStats &stats, Output output) {
  if (!writer || !writer->has_output(output)) return "null";
  return "{\"path\":" + json_string(writer->path_of(output)) +
         ",\"records\":" + std::to_string(stats.written[static_cast<size_t>(output)]) + "}";
}

std::string stream_json(const SmdrStreamServer *stream) {
  if (!stream) return "null";
  std::string collectors;
  for (const CollectorInfo &c : stream->collectors()) {
    if (!collectors.empty()) collectors.push_back(',');
    collectors += "{\"peer\":" + json_string(c.peer) + ",\"sent\":" + std::to_string(c.sent) +
                  ",\"queued\":" + std::to_string(c.queued) + "}";
  }
  return "{\"listen\":" + json_string(stream->settings().listen.host) +
         ",\"port\":" + std::to_string(stream->bound_port()) +
         ",\"published\":" + std::to_string(stream->records_published()) + ",\"collectors\":[" +
         collectors + "]" +
         ",\"collectors_dropped\":" + std::to_string(stream->collectors_dropped()) + "}";
}

}  // namespace

std::string BillingModule::status_json() const {
  const WriterStats stats = writer_ ? writer_->stats() : WriterStats{};
  std::string last_error = !stats.last_error.empty() ? stats.last_error : output_error_;
  return "{\"smdr_records\":" + std::to_string(smdr_records_) +
         ",\"cdr_records\":" + std::to_string(cdr_records_) +
         ",\"files\":{\"smdr\":" + file_json(writer_.get(), stats, Output::smdr) +
         ",\"cdr_json\":" + file_json(writer_.get(), stats, Output::cdr_json) +
         ",\"cdr_csv\":" + file_json(writer_.get(), stats, Output::cdr_csv) + "}" +
         ",\"queued\":" + std::to_string(stats.queued) +
         ",\"dropped\":" + std::to_string(stats.dropped) +
         ",\"write_errors\":" + std::to_string(stats.write_errors) +
         ",\"replayed\":" + std::to_string(stats.replayed) +
         ",\"last_error\":" + (last_error.empty() ? "null" : json_string(last_error)) +
         ",\"stream\":" + stream_json(stream_.get()) +
         ",\"tracked_calls\":" + std::to_string(tracker_.size()) + "}";
}

void BillingModule::admin_get(const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  const std::string_view path = req->path ? req->path : "";
  const std::string status_path = std::string(kAdminPrefix) + "/status";
  if (path != status_path && path != status_path + "/") {
    return reply_json(
        host(), reply, 404,
        "{\"error\":" + json_string("no such resource; try GET " + status_path) + "}");
  }
  reply_json(host(), reply, 200, status_json());
}

}  // namespace lineside::billing
