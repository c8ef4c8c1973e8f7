// linesidectl/commands.hpp: the command handlers; each returns the exit code or throws a CtlError.
#pragma once

#include <iosfwd>

#include "linesidectl/cli_args.hpp"
#include "linesidectl/command_support.hpp"

namespace lineside::ctl {

int run_device(const CommandContext &ctx);         ///< device add|set|del|list|show
int run_profile(const CommandContext &ctx);        ///< profile list|show|set|reset
int run_licence(const CommandContext &ctx);        ///< licence show
int run_registrations(const CommandContext &ctx);  ///< registrations [--user U]
int run_calls(const CommandContext &ctx);          ///< calls
int run_call(const CommandContext &ctx);           ///< call originate|hangup
int run_options(const CommandContext &ctx);        ///< options show|set
int run_import(const CommandContext &ctx);         ///< import FILE.yaml|FILE.json
int run_export(const CommandContext &ctx);         ///< export (YAML, or JSON with --json)
int run_mwi(const CommandContext &ctx);            ///< mwi set|get|list|clear
int run_cesid(const CommandContext &ctx);          ///< cesid set|del|show|list|import
/// hash-password NAME [PASSWORD] [--iterations N]: needs no server.
int run_hash_password(const CliArgs &args, std::istream &in, std::ostream &out);

}  // namespace lineside::ctl
