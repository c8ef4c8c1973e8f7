/* abi_layout.c: the pinned x86_64 LP64 layout of every ABI struct (sizeof, alignment, and the
 * offset and size of every field). Values were computed once from the v1.0 headers; a change here
 * is an ABI break unless it only appends fields (and then the old values must still hold). */
#include "abi_check.h"

/** Check every struct; failures are counted in abi_failures. */
void abi_check_layout(void) {
  SIZE(ls_config_field_t, 72, 8);
  FIELD(ls_config_field_t, size, 0, 4);
  FIELD(ls_config_field_t, type, 4, 4);
  FIELD(ls_config_field_t, key, 8, 8);
  FIELD(ls_config_field_t, default_value, 16, 8);
  FIELD(ls_config_field_t, doc, 24, 8);
  FIELD(ls_config_field_t, flags, 32, 4);
  FIELD(ls_config_field_t, child_count, 36, 4);
  FIELD(ls_config_field_t, min, 40, 8);
  FIELD(ls_config_field_t, max, 48, 8);
  FIELD(ls_config_field_t, choices, 56, 8);
  FIELD(ls_config_field_t, children, 64, 8);

  SIZE(ls_hook_args_t, 24, 8);
  FIELD(ls_hook_args_t, size, 0, 4);
  FIELD(ls_hook_args_t, hook_id, 4, 4);
  FIELD(ls_hook_args_t, request, 8, 8);
  FIELD(ls_hook_args_t, payload, 16, 8);

  SIZE(ls_hook_decl_t, 40, 8);
  FIELD(ls_hook_decl_t, size, 0, 4);
  FIELD(ls_hook_decl_t, hook_id, 4, 4);
  FIELD(ls_hook_decl_t, name, 8, 8);
  FIELD(ls_hook_decl_t, priority, 16, 4);
  FIELD(ls_hook_decl_t, methods, 24, 8);
  FIELD(ls_hook_decl_t, fn, 32, 8);

  SIZE(ls_registration_event_t, 80, 8);
  FIELD(ls_registration_event_t, size, 0, 4);
  FIELD(ls_registration_event_t, change, 4, 4);
  FIELD(ls_registration_event_t, aor, 8, 8);
  FIELD(ls_registration_event_t, device_id, 16, 8);
  FIELD(ls_registration_event_t, contact_uri, 24, 8);
  FIELD(ls_registration_event_t, expires_at, 32, 8);
  FIELD(ls_registration_event_t, transport, 40, 4);
  FIELD(ls_registration_event_t, reserved0, 44, 4);
  FIELD(ls_registration_event_t, flow, 48, 8);
  FIELD(ls_registration_event_t, source_addr, 56, 8);
  FIELD(ls_registration_event_t, source_port, 64, 4);
  FIELD(ls_registration_event_t, reserved1, 68, 4);
  FIELD(ls_registration_event_t, user_agent, 72, 8);

  SIZE(ls_flow_event_t, 32, 8);
  FIELD(ls_flow_event_t, size, 0, 4);
  FIELD(ls_flow_event_t, transport, 4, 4);
  FIELD(ls_flow_event_t, flow, 8, 8);
  FIELD(ls_flow_event_t, remote_addr, 16, 8);
  FIELD(ls_flow_event_t, remote_port, 24, 4);
  FIELD(ls_flow_event_t, reserved0, 28, 4);

  SIZE(ls_observer_decl_t, 16, 8);
  FIELD(ls_observer_decl_t, size, 0, 4);
  FIELD(ls_observer_decl_t, event_id, 4, 4);
  FIELD(ls_observer_decl_t, fn, 8, 8);

  SIZE(ls_peer_t, 88, 8);
  FIELD(ls_peer_t, size, 0, 4);
  FIELD(ls_peer_t, transport, 4, 4);
  FIELD(ls_peer_t, addr, 8, 64);
  FIELD(ls_peer_t, port, 72, 4);
  FIELD(ls_peer_t, secure, 76, 4);
  FIELD(ls_peer_t, flow, 80, 8);

  SIZE(ls_contact_t, 64, 8);
  FIELD(ls_contact_t, size, 0, 4);
  FIELD(ls_contact_t, is_star, 4, 4);
  FIELD(ls_contact_t, uri, 8, 8);
  FIELD(ls_contact_t, display, 16, 8);
  FIELD(ls_contact_t, expires, 24, 8);
  FIELD(ls_contact_t, q_milli, 32, 4);
  FIELD(ls_contact_t, reserved0, 36, 4);
  FIELD(ls_contact_t, instance, 40, 8);
  FIELD(ls_contact_t, reg_id, 48, 8);
  FIELD(ls_contact_t, params, 56, 8);

  SIZE(ls_header_t, 16, 8);
  FIELD(ls_header_t, name, 0, 8);
  FIELD(ls_header_t, value, 8, 8);

  SIZE(ls_response_t, 56, 8);
  FIELD(ls_response_t, size, 0, 4);
  FIELD(ls_response_t, status, 4, 4);
  FIELD(ls_response_t, reason, 8, 8);
  FIELD(ls_response_t, headers, 16, 8);
  FIELD(ls_response_t, header_count, 24, 4);
  FIELD(ls_response_t, reserved0, 28, 4);
  FIELD(ls_response_t, content_type, 32, 8);
  FIELD(ls_response_t, body, 40, 8);
  FIELD(ls_response_t, body_len, 48, 8);

  SIZE(ls_listener_t, 48, 8);
  FIELD(ls_listener_t, size, 0, 4);
  FIELD(ls_listener_t, transport, 4, 4);
  FIELD(ls_listener_t, address, 8, 8);
  FIELD(ls_listener_t, port, 16, 4);
  FIELD(ls_listener_t, tls_min_version, 20, 4);
  FIELD(ls_listener_t, cert_file, 24, 8);
  FIELD(ls_listener_t, key_file, 32, 8);
  FIELD(ls_listener_t, ca_file, 40, 8);

  SIZE(ls_admin_request_t, 48, 8);
  FIELD(ls_admin_request_t, size, 0, 4);
  FIELD(ls_admin_request_t, reserved0, 4, 4);
  FIELD(ls_admin_request_t, method, 8, 8);
  FIELD(ls_admin_request_t, path, 16, 8);
  FIELD(ls_admin_request_t, query, 24, 8);
  FIELD(ls_admin_request_t, body, 32, 8);
  FIELD(ls_admin_request_t, body_len, 40, 8);

  SIZE(ls_host_t, 336, 8);
  FIELD(ls_host_t, size, 0, 4);
  FIELD(ls_host_t, abi_major, 4, 4);
  FIELD(ls_host_t, abi_minor, 8, 4);
  FIELD(ls_host_t, reserved0, 12, 4);
  FIELD(ls_host_t, log, 16, 8);
  FIELD(ls_host_t, config_root, 24, 8);
  FIELD(ls_host_t, config_string, 32, 8);
  FIELD(ls_host_t, config_int, 40, 8);
  FIELD(ls_host_t, config_bool, 48, 8);
  FIELD(ls_host_t, config_duration_ms, 56, 8);
  FIELD(ls_host_t, config_list_size, 64, 8);
  FIELD(ls_host_t, config_list_string, 72, 8);
  FIELD(ls_host_t, config_child, 80, 8);
  FIELD(ls_host_t, config_error, 88, 8);
  FIELD(ls_host_t, request_field, 96, 8);
  FIELD(ls_host_t, request_header, 104, 8);
  FIELD(ls_host_t, request_contact_count, 112, 8);
  FIELD(ls_host_t, request_contact, 120, 8);
  FIELD(ls_host_t, request_peer, 128, 8);
  FIELD(ls_host_t, request_body, 136, 8);
  FIELD(ls_host_t, request_set_attr, 144, 8);
  FIELD(ls_host_t, request_get_attr, 152, 8);
  FIELD(ls_host_t, respond, 160, 8);
  FIELD(ls_host_t, request_suspend, 168, 8);
  FIELD(ls_host_t, request_from_token, 176, 8);
  FIELD(ls_host_t, request_resume, 184, 8);
  FIELD(ls_host_t, timer_start, 192, 8);
  FIELD(ls_host_t, timer_cancel, 200, 8);
  FIELD(ls_host_t, store_put, 208, 8);
  FIELD(ls_host_t, store_delete, 216, 8);
  FIELD(ls_host_t, store_scan, 224, 8);
  FIELD(ls_host_t, provider_register, 232, 8);
  FIELD(ls_host_t, provider_get, 240, 8);
  FIELD(ls_host_t, event_emit, 248, 8);
  FIELD(ls_host_t, metric_add, 256, 8);
  FIELD(ls_host_t, metric_set, 264, 8);
  FIELD(ls_host_t, worker_submit, 272, 8);
  FIELD(ls_host_t, transport_listen, 280, 8);
  FIELD(ls_host_t, flow_is_open, 288, 8);
  FIELD(ls_host_t, admin_route, 296, 8);
  FIELD(ls_host_t, admin_reply, 304, 8);
  FIELD(ls_host_t, sip_domain, 312, 8);
  FIELD(ls_host_t, now_unix, 320, 8);
  FIELD(ls_host_t, now_mono_ms, 328, 8);

  SIZE(ls_provider_decl_t, 16, 8);
  FIELD(ls_provider_decl_t, size, 0, 4);
  FIELD(ls_provider_decl_t, version, 4, 4);
  FIELD(ls_provider_decl_t, name, 8, 8);

  SIZE(ls_requirement_t, 24, 8);
  FIELD(ls_requirement_t, size, 0, 4);
  FIELD(ls_requirement_t, version, 4, 4);
  FIELD(ls_requirement_t, name, 8, 8);
  FIELD(ls_requirement_t, optional, 16, 4);
  FIELD(ls_requirement_t, reserved0, 20, 4);

  SIZE(ls_module_descriptor_t, 152, 8);
  FIELD(ls_module_descriptor_t, size, 0, 4);
  FIELD(ls_module_descriptor_t, abi_major, 4, 4);
  FIELD(ls_module_descriptor_t, abi_minor, 8, 4);
  FIELD(ls_module_descriptor_t, reserved0, 12, 4);
  FIELD(ls_module_descriptor_t, name, 16, 8);
  FIELD(ls_module_descriptor_t, version, 24, 8);
  FIELD(ls_module_descriptor_t, summary, 32, 8);
  FIELD(ls_module_descriptor_t, config_fields, 40, 8);
  FIELD(ls_module_descriptor_t, config_field_count, 48, 4);
  FIELD(ls_module_descriptor_t, hook_count, 52, 4);
  FIELD(ls_module_descriptor_t, hooks, 56, 8);
  FIELD(ls_module_descriptor_t, observers, 64, 8);
  FIELD(ls_module_descriptor_t, observer_count, 72, 4);
  FIELD(ls_module_descriptor_t, provide_count, 76, 4);
  FIELD(ls_module_descriptor_t, provides, 80, 8);
  FIELD(ls_module_descriptor_t, requirements, 88, 8);
  FIELD(ls_module_descriptor_t, requirement_count, 96, 4);
  FIELD(ls_module_descriptor_t, reserved1, 100, 4);
  FIELD(ls_module_descriptor_t, init, 104, 8);
  FIELD(ls_module_descriptor_t, start, 112, 8);
  FIELD(ls_module_descriptor_t, stop, 120, 8);
  FIELD(ls_module_descriptor_t, reconfigure_check, 128, 8);
  FIELD(ls_module_descriptor_t, reconfigure_apply, 136, 8);
  FIELD(ls_module_descriptor_t, destroy, 144, 8);

  SIZE(ls_binding_t, 104, 8);
  FIELD(ls_binding_t, size, 0, 4);
  FIELD(ls_binding_t, transport, 4, 4);
  FIELD(ls_binding_t, aor, 8, 8);
  FIELD(ls_binding_t, user, 16, 8);
  FIELD(ls_binding_t, device_id, 24, 8);
  FIELD(ls_binding_t, contact_uri, 32, 8);
  FIELD(ls_binding_t, expires_at, 40, 8);
  FIELD(ls_binding_t, flow, 48, 8);
  FIELD(ls_binding_t, source_addr, 56, 8);
  FIELD(ls_binding_t, source_port, 64, 4);
  FIELD(ls_binding_t, awaiting_reconnect, 68, 4);
  FIELD(ls_binding_t, path, 72, 8);
  FIELD(ls_binding_t, instance, 80, 8);
  FIELD(ls_binding_t, user_agent, 88, 8);
  FIELD(ls_binding_t, q_milli, 96, 4);
  FIELD(ls_binding_t, reserved0, 100, 4);

  SIZE(ls_location_v1_t, 32, 8);
  FIELD(ls_location_v1_t, size, 0, 4);
  FIELD(ls_location_v1_t, reserved0, 4, 4);
  FIELD(ls_location_v1_t, lookup, 8, 8);
  FIELD(ls_location_v1_t, for_each, 16, 8);
  FIELD(ls_location_v1_t, count, 24, 8);

  SIZE(ls_device_info_t, 136, 8);
  FIELD(ls_device_info_t, size, 0, 4);
  FIELD(ls_device_info_t, auth_enabled, 4, 4);
  FIELD(ls_device_info_t, device_id, 8, 8);
  FIELD(ls_device_info_t, user, 16, 8);
  FIELD(ls_device_info_t, dn, 24, 8);
  FIELD(ls_device_info_t, display_name, 32, 8);
  FIELD(ls_device_info_t, realm, 40, 8);
  FIELD(ls_device_info_t, ha1_md5, 48, 8);
  FIELD(ls_device_info_t, ha1_sha256, 56, 8);
  FIELD(ls_device_info_t, device_type, 64, 8);
  FIELD(ls_device_info_t, service_level, 72, 4);
  FIELD(ls_device_info_t, single_line, 76, 4);
  FIELD(ls_device_info_t, profile_id, 80, 4);
  FIELD(ls_device_info_t, additional_dn_count, 84, 4);
  FIELD(ls_device_info_t, cesid, 88, 8);
  FIELD(ls_device_info_t, voicemail_box, 96, 8);
  FIELD(ls_device_info_t, hot_desk, 104, 4);
  FIELD(ls_device_info_t, forward_no_answer_timeout_s, 108, 4);
  FIELD(ls_device_info_t, forward_always, 112, 8);
  FIELD(ls_device_info_t, forward_busy, 120, 8);
  FIELD(ls_device_info_t, forward_no_answer, 128, 8);

  SIZE(ls_directory_v1_t, 48, 8);
  FIELD(ls_directory_v1_t, size, 0, 4);
  FIELD(ls_directory_v1_t, reserved0, 4, 4);
  FIELD(ls_directory_v1_t, device_by_user, 8, 8);
  FIELD(ls_directory_v1_t, device_by_dn, 16, 8);
  FIELD(ls_directory_v1_t, device_count, 24, 8);
  FIELD(ls_directory_v1_t, device_additional_dn, 32, 8);
  FIELD(ls_directory_v1_t, device_by_line_dn, 40, 8);

  SIZE(ls_device_event_t, 40, 8);
  FIELD(ls_device_event_t, size, 0, 4);
  FIELD(ls_device_event_t, change, 4, 4);
  FIELD(ls_device_event_t, device_id, 8, 8);
  FIELD(ls_device_event_t, user, 16, 8);
  FIELD(ls_device_event_t, dn, 24, 8);
  FIELD(ls_device_event_t, old_user, 32, 8);

  SIZE(ls_capability_profile_t, 80, 8);
  FIELD(ls_capability_profile_t, size, 0, 4);
  FIELD(ls_capability_profile_t, id, 4, 4);
  FIELD(ls_capability_profile_t, comment, 8, 8);
  FIELD(ls_capability_profile_t, outbound_proxy, 16, 8);
  FIELD(ls_capability_profile_t, builtin, 24, 4);
  FIELD(ls_capability_profile_t, device_based_in_call_features, 28, 4);
  FIELD(ls_capability_profile_t, digit_collection_busy_alerting, 32, 4);
  FIELD(ls_capability_profile_t, distinctive_ring_tones, 36, 4);
  FIELD(ls_capability_profile_t, call_park_method, 40, 4);
  FIELD(ls_capability_profile_t, allow_display_update, 44, 4);
  FIELD(ls_capability_profile_t, prevent_ip_0000_hold, 48, 4);
  FIELD(ls_capability_profile_t, avp_only, 52, 4);
  FIELD(ls_capability_profile_t, enable_prack, 56, 4);
  FIELD(ls_capability_profile_t, use_pai, 60, 4);
  FIELD(ls_capability_profile_t, session_timer_s, 64, 4);
  FIELD(ls_capability_profile_t, force_sdp_in_initial_invite, 68, 4);
  FIELD(ls_capability_profile_t, one_offer_answer_per_invite, 72, 4);
  FIELD(ls_capability_profile_t, reserved0, 76, 4);

  SIZE(ls_system_options_t, 56, 8);
  FIELD(ls_system_options_t, size, 0, 4);
  FIELD(ls_system_options_t, srtp_enabled, 4, 4);
  FIELD(ls_system_options_t, default_cesid, 8, 8);
  FIELD(ls_system_options_t, emergency_numbers, 16, 8);
  FIELD(ls_system_options_t, emergency_number_count, 24, 4);
  FIELD(ls_system_options_t, smdr_internal, 28, 4);
  FIELD(ls_system_options_t, smdr_external, 32, 4);
  FIELD(ls_system_options_t, smdr_extended_digits, 36, 4);
  FIELD(ls_system_options_t, smdr_ani_dnis, 40, 4);
  FIELD(ls_system_options_t, smdr_24h_clock, 44, 4);
  FIELD(ls_system_options_t, smdr_system_id, 48, 8);

  SIZE(ls_capabilities_v1_t, 32, 8);
  FIELD(ls_capabilities_v1_t, size, 0, 4);
  FIELD(ls_capabilities_v1_t, reserved0, 4, 4);
  FIELD(ls_capabilities_v1_t, profile_of_device, 8, 8);
  FIELD(ls_capabilities_v1_t, profile_by_id, 16, 8);
  FIELD(ls_capabilities_v1_t, system_options, 24, 8);
}
