// billing/billing_module.cpp: lifecycle, reload, and turning a finished call into output records.
#include "billing_module.hpp"

#include <stdexcept>

#include "cdr_format.hpp"

namespace lineside::billing {
namespace {

void admin_get_route(void *arg, const ls_admin_request_t *req, ls_admin_reply_t *reply) {
  static_cast<BillingModule *>(arg)->admin_get(req, reply);
}

bool three_digits(const char *s) {
  if (!s) return false;
  for (int i = 0; i < 3; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return s[3] == '\0';
}

}  // namespace

BillingModule::BillingModule(Host host) : ModuleBase(host), tracker_(1) {
  auto settings = read_billing_settings(host, host.config());
  if (!settings) throw std::runtime_error("invalid billing configuration");
  settings_ = std::move(*settings);
  tracker_ = CallTracker(settings_.max_tracked_calls);
  capabilities_ = host.provider<ls_capabilities_v1_t>(LS_CAPABILITIES_PROVIDER,
                                                      LS_CAPABILITIES_VERSION, &capabilities_self_);
  if (!capabilities_ || !LS_HAS_FIELD(capabilities_, ls_capabilities_v1_t, system_options) ||
      !capabilities_->system_options)
    throw std::runtime_error("billing needs lineside.capabilities/1 (the SMDR system options)");
  if (host.raw()->admin_route(host.ctx(), "GET", kAdminPrefix, &admin_get_route, this) != 0)
    throw std::runtime_error(std::string("admin route ") + kAdminPrefix + " is already taken");
}

BillingModule::~BillingModule() {
  stop();
}

void BillingModule::start_writer() {
  writer_.reset();
  const std::pair<Output, const FileOutputSettings *> outputs[] = {
      {Output::smdr, &settings_.smdr_file},
      {Output::cdr_json, &settings_.cdr_json},
      {Output::cdr_csv, &settings_.cdr_csv}};
  auto writer = std::make_unique<RecordWriter>(host(), settings_.writer);
  bool any = false;
  for (const auto &[output, file] : outputs) {
    if (!file->enabled) continue;
    const std::string header = output == Output::cdr_csv ? cdr_csv_header() : std::string();
    writer->set_output(output, std::make_unique<DurableFile>(file->path, header, file->rotation));
    any = true;
  }
  if (!any) return;
  if (std::string err = writer->start(); !err.empty()) throw std::runtime_error(err);
  writer_ = std::move(writer);
}

void BillingModule::start_stream() {
  stream_.reset();
  if (!settings_.stream_enabled) return;
  auto stream = std::make_unique<SmdrStreamServer>(host(), settings_.stream);
  if (std::string err = stream->start(); !err.empty()) throw std::runtime_error(err);
  host().notice("SMDR stream listening on " + settings_.stream.listen.host + " port " +
                std::to_string(stream->bound_port()));
  stream_ = std::move(stream);
}

void BillingModule::start() {
  start_writer();
  start_stream();
}

void BillingModule::stop() {
  if (writer_) writer_->stop();
  if (stream_) stream_->stop();
}

std::string BillingModule::check_reconfigure(const Config &config) {
  return read_billing_settings(host(), config) ? std::string() : "invalid billing configuration";
}

void BillingModule::apply_reconfigure(const Config &config) {
  auto next = read_billing_settings(host(), config);
  if (!next) return;
  const BillingSettings previous = std::exchange(settings_, std::move(*next));
  tracker_.set_capacity(settings_.max_tracked_calls);
  output_error_.clear();
  if (!settings_.same_files(previous)) {
    if (writer_) writer_->stop();
    try {
      start_writer();
    } catch (const std::exception &e) {
      output_error_ = e.what();
      host().error(std::string("billing files not written after the reload: ") + e.what());
    }
  }
  if (!settings_.same_stream(previous)) {
    if (stream_) stream_->stop();
    try {
      start_stream();
    } catch (const std::exception &e) {
      output_error_ = e.what();
      host().error(std::string("SMDR stream off after the reload: ") + e.what());
    }
  }
}

SmdrOptions BillingModule::smdr_options() const {
  SmdrOptions s;
  ls_system_options_t o{};
  o.size = sizeof o;
  if (capabilities_->system_options(capabilities_self_, &o) != 0) return s;
  s.internal = o.smdr_internal != 0;
  s.external = o.smdr_external != 0;
  s.layout.extended_digits = o.smdr_extended_digits != 0;
  s.layout.ani_dnis = o.smdr_ani_dnis != 0;
  s.layout.clock_24h = o.smdr_24h_clock != 0;
  if (three_digits(o.smdr_system_id)) s.system_id = o.smdr_system_id;
  return s;
}

void BillingModule::on_call_event(uint32_t event_id, const void *payload) {
  const auto *event = static_cast<const ls_call_event_t *>(payload);
  if (event_id != LS_EVENT_CALL || !LS_HAS_FIELD(event, ls_call_event_t, ended_by)) return;
  std::optional<CallRecord> finished = tracker_.on_event(*event);
  host().metric_set("tracked_calls", static_cast<int64_t>(tracker_.size()));
  if (finished) write_record(*finished);
}

void BillingModule::note_overflow(const CallRecord &call, const std::vector<std::string> &fields) {
  host().metric_add("smdr_fields_overflowed", static_cast<int64_t>(fields.size()));
  if (overflows_++ % 100 != 0) return;
  std::string names;
  for (const std::string &f : fields) names += (names.empty() ? "" : ", ") + f;
  host().warning("SMDR record of call " + std::to_string(call.call_id) + ": " + names +
                 " longer than its columns, cut and marked '?' (the CDR has the full values; " +
                 "smdr_extended_digits widens the party columns to 7)");
}

void BillingModule::write_record(const CallRecord &call) {
  const SmdrOptions options = smdr_options();
  const bool smdr_outputs = (writer_ && writer_->has_output(Output::smdr)) || stream_;
  std::string smdr;
  if (smdr_outputs && smdr_wanted(call, options)) {
    SmdrLine line =
        format_smdr(smdr_fields(call, options, local_time_of(call.start_unix_ms)), options.layout);
    if (!line.overflowed.empty()) note_overflow(call, line.overflowed);
    smdr = std::move(line.text);
  }
  if (writer_) {
    OutputRecord out;
    if (writer_->has_output(Output::smdr)) out.text[static_cast<size_t>(Output::smdr)] = smdr;
    if (writer_->has_output(Output::cdr_json))
      out.text[static_cast<size_t>(Output::cdr_json)] = cdr_json_line(call, options.system_id);
    if (writer_->has_output(Output::cdr_csv))
      out.text[static_cast<size_t>(Output::cdr_csv)] = cdr_csv_line(call, options.system_id);
    const bool cdr = !out.text[1].empty() || !out.text[2].empty();
    if (!smdr.empty() || cdr) {
      if (writer_->submit(std::move(out))) {
        if (cdr) ++cdr_records_;
      } else {
        host().metric_add("records_dropped");
        host().error("billing record of call " + std::to_string(call.call_id) +
                     " dropped: the writer queue is full (a stalled disk?) or stopped");
      }
    }
  }
  if (!smdr.empty()) {
    ++smdr_records_;
    host().metric_add("smdr_records");
    if (stream_) stream_->publish(smdr);
  }
}

}  // namespace lineside::billing
