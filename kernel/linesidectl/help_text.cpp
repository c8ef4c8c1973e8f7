// linesidectl/help_text.cpp: the help texts.
#include "linesidectl/help_text.hpp"

#include <map>

#include "linesidectl/field_values.hpp"

namespace lineside::ctl {

std::string general_help() {
  return R"(usage: linesidectl [OPTIONS] COMMAND [ARGS...]

Administer a running lineside call server over its admin REST API.

commands:
  device list|show|add|set|del   devices (phones) of the directory
  profile list|show|set|reset    SIP Device Capabilities profiles
  licence show                   IP User and Single Line User licences
  registrations [--user U]       live registrations
  calls                          active calls
  call originate|hangup          connect two phones (third-party call), end a call
  options show|set               system options
  import FILE.yaml|FILE.json     bulk provisioning (idempotent)
  export                         everything provisioned, as YAML (JSON with --json)
  hash-password NAME [PASSWORD]  a kernel.admin.users entry (no server needed)
  mwi set|get|list|clear         message waiting states of mailboxes
  cesid set|del|show|list|import emergency CESIDs of DNs (911 caller location)

options:
  --url URL          admin API address (default http://127.0.0.1:8089)
  --token-file FILE  bearer token file (default $LINESIDE_TOKEN_FILE, else /var/lib/lineside/admin.token)
  --token TOKEN      bearer token given directly
  --user NAME:PASS   HTTP basic authentication (a kernel.admin.users entry); give it before the command
  --cacert FILE      CA certificate (PEM) to check an https:// server with
  --json             print the server's JSON instead of tables
  -h, --help         this help; `linesidectl COMMAND --help` for one command

exit codes: 0 ok, 1 refused by the server (or unusable input file), 2 usage error, 3 cannot connect
(or, for `mwi get` and `mwi clear`, no such mailbox state; for `cesid show` and `cesid del`, no
such CESID entry)
)";
}

std::string command_help(const std::string &command) {
  static const std::map<std::string, std::string> kHelp = {
      {"device", "usage: linesidectl device list\n"
                 "       linesidectl device show ID\n"
                 "       linesidectl device add ID user=U dn=DN [password=P] [name=value...]\n"
                 "       linesidectl device set ID name=value...\n"
                 "       linesidectl device del ID\n\n"
                 "Values: yes/no for flags, comma-separated lists (additional_dns=2101,2102; empty clears).\n"
                 "Deleting a device drops its registrations and frees its licence.\n"
                 "fields: " + field_names(device_fields()) + "\n"},
      {"profile", "usage: linesidectl profile list\n"
                  "       linesidectl profile show N\n"
                  "       linesidectl profile set N name=value...   (user profiles 1-64)\n"
                  "       linesidectl profile reset N               (back to the factory defaults)\n\n"
                  "A change takes effect on the next call.\n"
                  "fields: " + field_names(profile_fields()) + "\n"},
      {"licence", "usage: linesidectl licence show\n\n"
                  "Licence counts (kernel.licences) and how many devices use them.\n"},
      {"registrations", "usage: linesidectl registrations [--user U]\n\n"
                        "Live registrations, all or of SIP user U.\n"},
      {"calls", "usage: linesidectl calls\n\nActive calls (when the server offers GET /api/v1/calls).\n"},
      {"call", "usage: linesidectl call originate FROM_DN TO_DN [--auto-answer yes|no]\n"
               "       linesidectl call hangup CALL_ID\n\n"
               "originate rings FROM_DN (Answer-Mode: Auto with --auto-answer yes) and, once it answers,\n"
               "connects it to TO_DN (RFC 3725). hangup ends an active call on both sides.\n"},
      {"options", "usage: linesidectl options show\n"
                  "       linesidectl options set name=value...\n"
                  "fields: " + field_names(option_fields()) + "\n"},
      {"import", "usage: linesidectl import FILE\n\n"
                 "FILE.yaml: a directory file (devices:, as kernel.directory_file); FILE.json: the shape\n"
                 "`linesidectl export --json` writes. Listed devices are created or replaced whole,\n"
                 "others stay; all or nothing; importing the same file again changes nothing.\n"},
      {"export", "usage: linesidectl export [--json]\n\n"
                 "Devices (HA1s, never passwords), changed profiles and options, as YAML or JSON.\n"},
      {"mwi", "usage: linesidectl mwi set DN --new N --old M [--urgent-new N] [--urgent-old M]\n"
              "       linesidectl mwi get DN\n"
              "       linesidectl mwi list\n"
              "       linesidectl mwi clear DN\n\n"
              "DN is a mailbox: a device's voicemail_box, or its DN when it has none. `set` stores the\n"
              "counts (urgent ones count among new/old) and notifies the phones watching the mailbox;\n"
              "`list` shows every stored state and every subscription. Exit 3: no such mailbox state.\n"},
      {"cesid", "usage: linesidectl cesid set DN CESID [privacy=yes|no]\n"
                "       linesidectl cesid del DN\n"
                "       linesidectl cesid show DN\n"
                "       linesidectl cesid list\n"
                "       linesidectl cesid import FILE.csv|FILE.json [replace=yes]\n\n"
                "The CESID (7 to 12 digits) an emergency call from DN sends; DNs without an entry use\n"
                "the system default_cesid (linesidectl options set default_cesid=...). privacy=yes: that\n"
                "DN's emergency calls put the CESID only in P-Asserted-Identity (with signal_privacy).\n"
                "CSV lines are DN,CESID[,PRIVACY]; JSON is what `cesid list --json` prints. An import is\n"
                "all or nothing; replace=yes also removes the entries the file does not list. `list`\n"
                "also shows phones that registered from a new address (the CESID is not changed).\n"
                "Exit 3: no such CESID entry.\n"},
      {"hash-password", "usage: linesidectl hash-password NAME [PASSWORD] [--iterations N]\n\n"
                        "Prints NAME:pbkdf2-sha256$... for kernel.admin.users. Without PASSWORD it is read\n"
                        "from standard input (asked twice, unechoed, on a terminal).\n"},
  };
  std::string name = command == "license" ? "licence" : command;
  const auto it = kHelp.find(name);
  return it == kHelp.end() ? std::string() : it->second;
}

}  // namespace lineside::ctl
