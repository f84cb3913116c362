#include "commands/login_flow.hpp"

#include "cli/flags.hpp"
#include "cli/prompt.hpp"
#include "client/secret_file.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

const char* kPasswordHint =
    "pass --password-file <file> (mode 0600), set DCOS_PASSWORD, or run in a terminal";
const char* kUsernameHint = "pass --username <name>, set DCOS_USERNAME, or run in a terminal";

/// On a terminal, a numbered menu of the providers; elsewhere the chooser's own error.
Result<LoginProvider> pick(Context& context, const std::vector<LoginProvider>& providers,
                           const LoginFlags& flags) {
  auto chosen = choose_provider(providers, flags);
  if (chosen || chosen.error().kind != ErrorKind::usage || !can_prompt(context)) return chosen;
  auto fitting = compatible_providers(providers, flags);
  context.err << "Please select a login method:\n";
  for (size_t i = 0; i < fitting.size(); ++i) {
    std::string text = login_method_text(fitting[i]);
    context.err << "(" << i + 1 << ") " << (text.empty() ? fitting[i].id : text) << "\n";
  }
  auto answer = prompt_line(context, "(1-" + std::to_string(fitting.size()) + ")", Echo::shown,
                            "choose one with --provider <id>");
  if (!answer) return answer.error();
  auto number = parse_int(trim(*answer));
  if (!number || *number < 1 || *number > static_cast<long long>(fitting.size()))
    return Error::make(ErrorKind::usage, "choice " + *answer + " doesn't exist");
  return fitting[static_cast<size_t>(*number - 1)];
}

/// The flag's user name, else the one typed at the prompt: an empty answer is asked again,
/// three times in all.
Result<std::string> username(Context& context, const LoginFlags& flags) {
  if (!flags.username.empty()) return flags.username;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto typed = prompt_line(context, "Username", Echo::shown, kUsernameHint);
    if (!typed) return typed.error();
    std::string name(trim(*typed));
    if (!name.empty()) return name;
  }
  return Error::make(ErrorKind::usage, "no user name was given", kUsernameHint);
}

Result<std::string> password(Context& context, const LoginFlags& flags) {
  if (!flags.password.empty()) return flags.password;
  return prompt_line(context, "Password", Echo::hidden, kPasswordHint);
}

}  // namespace

Result<LoginOutcome> log_in(Context& context, HttpClient& bare, LoginFlags flags,
                            std::optional<AuthProbe> probe) {
  LoginOutcome outcome;
  if (auto token = context.env("DCOS_CLUSTER_SETUP_ACS_TOKEN"); token && !token->empty()) {
    outcome.token = *token;
    outcome.token_variable = "DCOS_CLUSTER_SETUP_ACS_TOKEN";
    return outcome;
  }
  // Flags win over the environment: --password, then --password-file, then the variable
  // --password-env names, then DCOS_PASSWORD.
  if (flags.username.empty()) flags.username = context.env("DCOS_USERNAME").value_or("");
  if (flags.password.empty() && !flags.password_file.empty()) {
    auto text = read_secret_file(flags.password_file);
    if (!text) return text.error();
    flags.password = trim_password(*text);
  }
  if (flags.password.empty() && !flags.password_env.empty()) {
    std::optional<std::string> value = context.env(flags.password_env);
    if (!value || value->empty())
      return Error::make(ErrorKind::usage, "--password-env names " + flags.password_env +
                                               ", which is not set or is empty");
    flags.password = *value;
  }
  if (flags.password.empty()) flags.password = context.env("DCOS_PASSWORD").value_or("");

  if (!probe) {
    auto detected = detect_auth(bare);
    if (!detected) return detected.error();
    probe = *detected;
  }
  auto providers = login_providers(bare, *probe);
  if (!providers) return providers.error();
  auto provider = pick(context, *providers, flags);
  if (!provider) return provider.error();
  context.info("Using login provider '" + provider->type + "'.");

  if (provider->type == "dcos-uid-servicekey") {
    if (flags.private_key.empty())
      return Error::make(ErrorKind::auth, "a service account logs in with its private key",
                         "pass --private-key <file> (mode 0600)");
    auto uid = username(context, flags);
    if (!uid) return uid.error();
    auto pem = read_secret_file(flags.private_key);
    if (!pem) return pem.error();
    auto token = login_with_service_key(bare, *uid, *pem, context.now());
    if (!token) return token.error();
    outcome.token = *token;
    outcome.service_account = *uid;
    outcome.private_key = std::filesystem::absolute(flags.private_key);
    return outcome;
  }
  if (provider->type == "dcos-uid-password" || provider->type == "dcos-uid-password-ldap") {
    auto uid = username(context, flags);
    if (!uid) return uid.error();
    auto secret = password(context, flags);
    if (!secret) return secret.error();
    auto token = login_with_password(bare, *provider, *uid, *secret);
    if (!token) return token.error();
    outcome.token = *token;
    return outcome;
  }
  // Browser logins: the person opens the link and pastes what the page shows.
  if (!can_prompt(context))
    return Error::make(ErrorKind::auth,
                       "login provider '" + provider->id + "' needs a browser and a terminal",
                       "use a service account (--private-key) or DCOS_CLUSTER_SETUP_ACS_TOKEN");
  context.err << "Log in with your browser at:\n\n    " << bare.options().base_url
              << provider->start_flow_url << "\n\n";
  auto pasted = prompt_line(context, "Token from the browser", Echo::hidden, "");
  if (!pasted) return pasted.error();
  if (provider->client_method == "browser-prompt-oidcidtoken-get-authtoken") {
    auto token = login_with_id_token(bare, std::string(trim(*pasted)));
    if (!token) return token.error();
    outcome.token = *token;
  } else {
    outcome.token = std::string(trim(*pasted));
  }
  return outcome;
}

Error token_refused(const LoginOutcome& outcome, Error error) {
  if (error.kind != ErrorKind::auth || outcome.token_variable.empty()) return error;
  return Error::detailed(ErrorKind::auth,
                         "the cluster rejected the token in " + outcome.token_variable +
                             "; it is invalid or has expired",
                         ErrorDetail::env_token_rejected, {outcome.token_variable});
}

void add_login_flags(Flags& app, LoginFlags& flags) {
  app.add_option("--provider", flags.provider, "Login provider ID (see 'dcos auth list-providers')")
      ->type_name("<id>");
  app.add_option("--username", flags.username, "User or service account name (or DCOS_USERNAME)")
      ->type_name("<user>");
  app.add_option("--password", flags.password,
                 "Password; visible to other users of this machine, prefer --password-file");
  app.add_option("--password-file", flags.password_file,
                 "File holding the password, mode 0600 or 0400")
      ->type_name("<file>");
  app.add_option("--password-env", flags.password_env,
                 "Name of an environment variable holding the password (kept off the command "
                 "line and out of files)")
      ->type_name("<var>");
  app.add_option("--private-key", flags.private_key,
                 "Service account private key (PEM), mode 0600 or 0400")
      ->type_name("<file>");
}

Status store_login(Config& config, const LoginOutcome& outcome) {
  if (Status set = config.set("core.dcos_acs_token", outcome.token); !set) return set;
  if (outcome.service_account.empty()) {
    config.unset("core.dcos_service_account");
    config.unset("core.dcos_private_key");
    return Status::success();
  }
  if (Status set = config.set("core.dcos_service_account", outcome.service_account); !set)
    return set;
  return config.set("core.dcos_private_key", outcome.private_key.string());
}

}  // namespace dcos
