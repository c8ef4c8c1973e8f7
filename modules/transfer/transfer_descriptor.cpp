// transfer/transfer_descriptor.cpp: the transfer module's descriptor, with the in-dialog hook's
// own trampoline (it needs the hook payload, which plugin.hpp's hook<> does not pass on).
#include "transfer_descriptor.hpp"

#include <exception>

#include "transfer_module.hpp"

namespace lineside::transfer {
namespace {

uint32_t in_dialog_trampoline(void *instance, const ls_hook_args_t *args) noexcept {
  auto *self = static_cast<TransferModule *>(static_cast<ModuleBase *>(instance));
  try {
    const auto *payload = args ? static_cast<const ls_in_dialog_args_t *>(args->payload) : nullptr;
    if (!payload || !LS_HAS_FIELD(payload, ls_in_dialog_args_t, call_id) || !args->request) {
      self->host().error("in-dialog hook called without its call arguments");
      return LS_VERDICT_ERROR;
    }
    Request req(self->host(), args->request);
    return self->on_refer_in_dialog(req, *payload);
  } catch (const std::exception &e) {
    self->host().error(std::string("exception in the in-dialog REFER hook: ") + e.what());
  } catch (...) {
    self->host().error("unknown exception in the in-dialog REFER hook");
  }
  return LS_VERDICT_ERROR;
}

const ls_hook_decl_t kHooks[] = {
    {sizeof(ls_hook_decl_t), LS_HOOK_IN_DIALOG, "refer", 500, "REFER", &in_dialog_trampoline},
    hook<TransferModule, &TransferModule::on_refer_outside>(LS_HOOK_REQUEST, "refer_outside_dialog",
                                                            500, "REFER"),
};

const ls_observer_decl_t kObservers[] = {
    observer<TransferModule, &TransferModule::on_call_event>(LS_EVENT_CALL),
};

ls_module_descriptor_t make_descriptor() {
  return DescriptorBuilder<TransferModule>(
             "transfer", "1.0.0",
             "call transfer: REFER in a call (blind and attended, RFC 3515/3891/3892) executed by "
             "the kernel, with sipfrag progress")
      .config(transfer_config_fields(), transfer_config_field_count())
      .hooks(kHooks)
      .observers(kObservers)
      .reloadable()
      .build();
}

}  // namespace

const ls_module_descriptor_t &transfer_descriptor() {
  static const ls_module_descriptor_t descriptor = make_descriptor();
  return descriptor;
}

}  // namespace lineside::transfer
