// How `dcos auth` and `dcos cluster setup` present a cluster's login providers and pick one
// from the login flags. The client lists the providers; what the CLI shows for them and which
// flags select which provider are the commands' business.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "client/iam.hpp"

namespace dcos {

/// The providers as the JSON map that `auth list-providers --json` prints: ID to
/// {"authentication-type","client-method","config":{"start_flow_url"},"description"}.
nlohmann::json providers_json(const std::vector<LoginProvider>& providers);

/// The LOGIN METHOD column of `auth list-providers`; "" for types the CLI does not know.
std::string login_method_text(const LoginProvider& provider);

/// The login flags, after the command has applied DCOS_USERNAME / DCOS_PASSWORD.
struct LoginFlags {
  std::string provider, username, password, password_file, private_key;
  std::string password_env;  ///< --password-env: the name of a variable holding the password
};

/// The providers the flags leave possible: service keys need --private-key, a private key rules
/// out everything else, and browser methods are out once any credential is given.
std::vector<LoginProvider> compatible_providers(const std::vector<LoginProvider>& providers,
                                                const LoginFlags& flags);

/// Picks the provider without asking: --provider by ID, else dcos-uid-password when both a
/// username and a password are known, else the only compatible provider. Several compatible
/// providers are a usage Error listing their IDs (on a terminal the command shows a menu).
Result<LoginProvider> choose_provider(const std::vector<LoginProvider>& providers,
                                      const LoginFlags& flags);

}  // namespace dcos
