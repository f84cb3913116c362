#include "client/session.hpp"

#include "client/iam.hpp"
#include "client/secret_file.hpp"

namespace dcos {

Session::Session(Config& config, EnvLookup env, SessionHooks hooks)
    : config_(config),
      env_(std::move(env)),
      hooks_(std::move(hooks)),
      account_(config.get("core.dcos_service_account")),
      key_path_(config.get("core.dcos_private_key")) {}

Result<ClientOptions> Session::options(Service service) {
  auto options = client_options(config_, service, env_);
  if (!options) return options.error();
  if (can_renew()) options->refresh_token = [this] { return renew(); };
  return options;
}

Result<std::string> Session::renew() {
  if (!can_renew()) {
    return Error::detailed(ErrorKind::auth, "no service account is stored to log in again with",
                           ErrorDetail::not_logged_in);
  }
  std::lock_guard lock(renewing_);
  auto bare_options = client_options(config_, Service::admin_router, env_);
  if (!bare_options) return bare_options.error();
  bare_options->token.clear();  // the login goes out without the refused token
  auto own = hooks_.new_transport();
  HttpClient bare = hooks_.client(std::move(bare_options).value(), *own);
  auto pem = read_secret_file(key_path_);
  if (!pem) return pem.error();
  auto token = login_with_service_key(bare, account_, *pem, hooks_.now());
  if (!token) return token.error();
  if (Status set = config_.set("core.dcos_acs_token", *token); !set) return set.error();
  if (Status saved = config_.save(); !saved) return saved.error();
  if (hooks_.renewed) hooks_.renewed(account_);
  return token;
}

}  // namespace dcos
