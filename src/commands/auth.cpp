// `dcos auth`: log in to the current cluster, log out, and list its login providers.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/cluster_url.hpp"
#include "client/iam.hpp"
#include "client/user_agent.hpp"
#include "commands/auth_providers.hpp"
#include "commands/login_flow.hpp"

namespace dcos {
namespace {

struct LoginOptions {
  LoginFlags flags;
};

struct LogoutOptions {};

struct ProvidersOptions {
  std::string url;
  ListFlags list;
};

/// A client of the current cluster that carries no token (login requests go out bare).
Result<HttpClient> bare_client(Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  auto options = client_options((*cluster)->config, Service::admin_router, context.env);
  if (!options) return options.error();
  options->token.clear();
  return context.client(std::move(options).value());
}

Status run_login(const LoginOptions& options, Context& context) {
  auto bare = bare_client(context);
  if (!bare) return bare.error();
  auto outcome = log_in(context, *bare, options.flags);
  if (!outcome) return outcome.error();
  ClusterConfig* cluster = *context.cluster();
  if (Status stored = store_login(cluster->config, *outcome); !stored) return stored;
  if (Status saved = cluster->config.save(); !saved) return saved;
  // A confirmation, not data: stderr.
  context.err << "Logged in to " << cluster->summary() << "\n";
  return Status::success();
}

Status run_logout(const LogoutOptions&, Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  Config& config = (*cluster)->config;
  // Without the token, and without the key path that would log in again by itself.
  config.unset("core.dcos_acs_token");
  config.unset("core.dcos_service_account");
  config.unset("core.dcos_private_key");
  if (Status saved = config.save(); !saved) return saved;
  context.info("Logout successful");
  return Status::success();
}

/// A token-less client for `url`, or for the current cluster when `url` is empty.
Result<HttpClient> providers_client(Context& context, std::string url) {
  if (url.empty()) return bare_client(context);
  auto normalized = normalize_cluster_url(url);
  if (!normalized) return normalized.take_error();
  ClientOptions bare;
  bare.base_url = normalized->url;
  bare.user_agent = kUserAgent;
  return context.client(bare);
}

Status run_list_providers(const ProvidersOptions& options, Context& context) {
  auto client = providers_client(context, options.url);
  if (!client) return client.error();
  auto probe = detect_auth(*client);
  if (!probe) return probe.error();
  auto providers = login_providers(*client, *probe);
  if (!providers) return providers.error();
  ListRenderings renderings;
  renderings.json = [&]() -> Result<nlohmann::json> { return providers_json(*providers); };
  renderings.table = [&]() -> Status {
    Table table({"PROVIDER ID", "LOGIN METHOD"});
    for (const auto& provider : *providers)
      table.add_row({provider.id, login_method_text(provider)});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

}  // namespace

void register_auth_commands(CommandTable& table) {
  table.verb<LoginOptions>(
      "auth login",
      {.summary = "Log in to the current cluster",
       .description =
           "Log in and store the token in the cluster's dcos.toml. Credentials come from the\n"
           "flags, then DCOS_USERNAME and DCOS_PASSWORD; what is missing is asked for only when\n"
           "stdin and stderr are terminals, otherwise the command fails with exit code 4.\n"
           "DCOS_CLUSTER_SETUP_ACS_TOKEN, when set, is stored as the token without a login.\n"
           "After a service-account login the key's path (never the key) is kept, and an\n"
           "expired token is renewed with it automatically.",
       .examples = "    dcos auth login --username alice --password-file ~/.dcos-password\n"
                   "    dcos auth login --username ci-bot --private-key ci-bot.pem\n",
       .needs = Needs::cluster},
      [](Flags& app, LoginOptions& options) { add_login_flags(app, options.flags); }, run_login);
  table.verb<LogoutOptions>(
      "auth logout",
      {.summary = "Log out of the current cluster",
       .description = "Remove the stored token (and a stored service-account key path) from "
                      "the current cluster's dcos.toml.",
       .needs = Needs::cluster},
      [](Flags&, LogoutOptions&) {}, run_logout);
  table.verb<ProvidersOptions>(
      "auth list-providers",
      {.summary = "List the login providers of a cluster",
       .description = "List how the current cluster, or the cluster at <url>, accepts logins.",
       .arguments = "[<url>]"},
      [](Flags& app, ProvidersOptions& options) {
        app.add_option("url", options.url, "Cluster URL (default: the current cluster)");
        add_list_flags(app, options.list, {.json = "Print JSON"});
      },
      run_list_providers);
}

}  // namespace dcos
