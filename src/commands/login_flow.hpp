// Logging in to a cluster, shared by `dcos cluster setup` and `dcos auth login`: provider
// detection and choice, credentials from flags, files, the environment or (on a terminal only)
// prompts, then the login request. Returns the token; never prints it.
#pragma once

#include "cli/flags.hpp"

#include <filesystem>
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "client/iam.hpp"
#include "commands/auth_providers.hpp"

namespace dcos {

struct LoginOutcome {
  std::string token;
  /// Set after a service-account login: who logged in and the absolute path of the key, so
  /// that an expired token can be renewed without asking (the key itself is never stored).
  std::string service_account;
  std::filesystem::path private_key;
  /// The environment variable the token was taken from (DCOS_CLUSTER_SETUP_ACS_TOKEN), if so.
  std::string token_variable;
};

/// `error` as it should read when the token of `outcome` is refused (401): a token from a
/// variable names the variable, since logging in again would take the same token.
Error token_refused(const LoginOutcome& outcome, Error error);

/// `bare` must be a client of the cluster without a token. DCOS_CLUSTER_SETUP_ACS_TOKEN, when
/// set, is taken as the token without any request. `probe` is the result of detect_auth when
/// the caller already has it (setup does), so the probe is not sent twice.
Result<LoginOutcome> log_in(Context& context, HttpClient& bare, LoginFlags flags,
                            std::optional<AuthProbe> probe = std::nullopt);

/// The login flags of `auth login` and `cluster setup`.
void add_login_flags(Flags& app, LoginFlags& flags);

/// Stores the outcome in `config`: the token, and the service account and key path, or their
/// removal after any other kind of login.
Status store_login(Config& config, const LoginOutcome& outcome);

}  // namespace dcos
