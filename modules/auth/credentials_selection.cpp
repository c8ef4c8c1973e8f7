// auth/credentials_selection.cpp: choosing among several credentials headers.
#include "credentials_selection.hpp"

namespace lineside::auth {

CredentialsSelection select_credentials(const std::vector<std::string_view> &values,
                                        std::string_view realm) {
  CredentialsSelection selection;
  selection.present = !values.empty();
  std::optional<DigestCredentials> other_realm;
  bool saw_malformed = false;
  for (std::string_view value : values) {
    CredentialsParseResult parsed = parse_digest_credentials(value);
    if (parsed.credentials) {
      if (parsed.credentials->realm == realm) {
        selection.credentials = std::move(parsed.credentials);
        return selection;
      }
      if (!other_realm) other_realm = std::move(parsed.credentials);
    } else if (!saw_malformed) {
      saw_malformed = true;
      selection.malformed_username = std::move(parsed.username);
      selection.error = std::move(parsed.error);
    }
  }
  if (other_realm) {
    selection.credentials = std::move(other_realm);
    selection.malformed_username.clear();
    selection.error.clear();
  }
  return selection;
}

}  // namespace lineside::auth
