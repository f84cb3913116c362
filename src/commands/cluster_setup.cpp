// `dcos cluster setup <url>`: the real CLI's sequence — check the URL (and, for HTTPS with an
// unknown CA, fetch and confirm the cluster's CA), log in, read the cluster's id and name —
// then write clusters/<id>/dcos.toml (0600) and attach. Every command is built in, so there
// are no plugins to download.
#include <unistd.h>

#include <fstream>

#include "cli/command_table.hpp"
#include "cli/prompt.hpp"
#include "client/atomic_file.hpp"
#include "client/certificate.hpp"
#include "client/cluster_url.hpp"
#include "client/metadata.hpp"
#include "client/strings.hpp"
#include "client/user_agent.hpp"
#include "commands/login_flow.hpp"

namespace dcos {
namespace {

struct SetupOptions {
  std::string url;
  std::string name;
  std::string ca_certs;
  bool insecure = false;
  bool no_check = false;
  bool yes = false;
  bool no_timeout = false;
  LoginFlags flags;
};

Result<std::string> canonical_url(Context& context, const std::string& text) {
  auto url = normalize_cluster_url(text);
  if (!url) return url.take_error();
  if (url->scheme_added) context.info("No scheme in the cluster URL; assuming https://");
  return url->url;
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::make(ErrorKind::not_found, "cannot read CA bundle " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Downloads /ca/dcos-ca.crt without checking the certificate, shows it and asks whether to
/// trust it, unless --yes or --no-check already said so.
Result<std::string> fetch_cluster_ca(Context& context, ClientOptions options,
                                     const SetupOptions& setup) {
  options.tls.verify = false;
  options.tls.ca_file.clear();
  auto pem = MetadataClient(context.client(options)).ca_certificate();
  if (!pem) return pem.error();
  auto info = describe_certificate(*pem);
  if (!info) return info.error();
  if (setup.yes || setup.no_check) return pem;
  if (!can_prompt(context))
    return Error::make(ErrorKind::tls,
                       "the cluster's certificate authority (SHA256 " + info->fingerprint +
                           ") is not trusted, and there is no terminal to confirm it",
                       "pass --ca-certs <file> with the cluster's CA, or --yes to trust this one");
  context.err << "Cluster Certificate Authority:\n\n  Issuer: " << info->issuer
              << "\n\n  Validity:\n    From:  " << info->not_before
              << "\n    Until: " << info->not_after
              << "\n\n  SHA256 fingerprint: " << info->fingerprint << "\n\n";
  auto trusted = confirm(context, "Do you trust it?",
                         "pass --ca-certs <file>, or --yes to trust the cluster's own CA");
  if (!trusted) return trusted.error();
  if (!*trusted)
    return Error::make(ErrorKind::tls, "the cluster's certificate authority was not trusted");
  return pem;
}

bool safe_id(const std::string& id) {
  if (id.empty() || id == "." || id == "..") return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

Status run_setup(const SetupOptions& setup, Context& context) {
  auto store = context.store();
  if (!store) return store.error();
  auto url = canonical_url(context, setup.url);
  if (!url) return url.error();
  ClientOptions options;
  options.base_url = *url;
  options.user_agent = kUserAgent;
  options.timeout = std::chrono::seconds(setup.no_timeout ? 0 : 180);
  const bool https = options.base_url.rfind("https://", 0) == 0;
  std::string ca_pem;
  if (setup.insecure) {
    options.tls.verify = false;
  } else if (!setup.ca_certs.empty()) {
    auto pem = read_text(setup.ca_certs);
    if (!pem) return pem.error();
    if (auto info = describe_certificate(*pem); !info) return info.error();
    ca_pem = *pem;
    options.tls.ca_file = std::filesystem::absolute(setup.ca_certs).string();
  }

  // 1. Is there a cluster at this URL? An unknown CA can be fixed here, other TLS errors not.
  std::filesystem::path temp_ca;
  // The first requests have a short limit of their own (setup_probe_options).
  Status root = MetadataClient(context.client(setup_probe_options(options))).probe_root();
  if (!root && https && !setup.insecure && setup.ca_certs.empty() &&
      root.error().detail == ErrorDetail::tls_unknown_authority) {
    auto pem = fetch_cluster_ca(context, setup_probe_options(options), setup);
    if (!pem) return pem.error();
    ca_pem = *pem;
    temp_ca = (*store)->root() / (".setup-ca-" + std::to_string(::getpid()) + ".crt");
    std::filesystem::create_directories((*store)->root());
    if (Status written = write_file_atomically(temp_ca, ca_pem, {.mode = 0644}); !written)
      return written;
    options.tls.ca_file = temp_ca.string();
    root = MetadataClient(context.client(setup_probe_options(options))).probe_root();
  }
  struct Cleanup {
    std::filesystem::path path;
    ~Cleanup() {
      std::error_code ignored;
      if (!path.empty()) std::filesystem::remove(path, ignored);
    }
  } cleanup{temp_ca};
  if (!root) return root.error();

  // 2. Log in, unless the cluster does not ask for it.
  HttpClient bare = context.client(options);
  auto probe = detect_auth(bare);
  if (!probe) return probe.error();
  LoginOutcome login;
  if (probe->challenge == AuthChallenge::none) {
    context.warn("This cluster does not require authenticated requests. Skipping login.");
  } else {
    auto outcome = log_in(context, bare, setup.flags, *probe);
    if (!outcome) return outcome.error();
    login = std::move(outcome).value();
  }

  // 3. Who is this cluster?
  ClientOptions authed = options;
  authed.token = login.token;
  MetadataClient cluster(context.client(authed));
  auto metadata = cluster.metadata();
  if (!metadata) return token_refused(login, metadata.take_error());
  std::string id = metadata->cluster_id;
  if (!safe_id(id))
    return Error::make(ErrorKind::server, "the cluster's /metadata has no usable CLUSTER_ID");
  std::string name = setup.name;
  if (name.empty()) {
    auto summary_name = cluster.cluster_name();
    name = summary_name ? *summary_name : "";
    if (name.empty()) name = id;
  }
  // A name given earlier (setup --name, cluster rename) survives setting the same cluster up
  // again; a name that another cluster answers to is refused.
  if (auto earlier = Config::load((*store)->clusters_dir() / id / "dcos.toml");
      setup.name.empty() && earlier && !earlier->get("cluster.name").empty())
    name = earlier->get("cluster.name");
  if (Status unique =
          (*store)->check_unique_name(id, name, "pass --name <name> to call it otherwise");
      !unique)
    return unique;

  // 4. Write clusters/<id>/ (updating it when this cluster was set up before) and attach.
  std::filesystem::path dir = (*store)->clusters_dir() / id;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    return Error::make(ErrorKind::config, "cannot create " + dir.string() + ": " + error.message());
  auto config = Config::load(dir / "dcos.toml");
  if (!config) return config.error();
  std::string ssl_verify = setup.insecure ? "false" : https ? "true" : "";
  if (!ca_pem.empty() && !setup.insecure) {
    std::filesystem::path ca_file = dir / "dcos_ca.crt";
    if (Status written = write_file_atomically(ca_file, ca_pem, {.mode = 0644}); !written)
      return written;
    ssl_verify = ca_file.string();
  }
  if (Status set = config->set("core.dcos_url", options.base_url); !set) return set;
  if (Status stored = store_login(*config, login); !stored) return stored;
  if (Status set = config->set("core.timeout", setup.no_timeout ? "0" : "180"); !set) return set;
  if (ssl_verify.empty()) {
    config->unset("core.ssl_verify");
  } else if (Status set = config->set("core.ssl_verify", ssl_verify); !set) {
    return set;
  }
  if (Status set = config->set("cluster.name", name); !set) return set;
  if (Status saved = config->save(); !saved) return saved;
  if (Status attached = (*store)->attach(id); !attached) return attached;
  // A confirmation, not data: stderr.
  context.err << "Set up and attached to "
              << ClusterConfig{id, dir, true, *config, std::nullopt}.summary() << "\n";
  return Status::success();
}

}  // namespace

void register_cluster_setup(CommandTable& table) {
  table.verb<SetupOptions>(
      "cluster setup",
      {.summary = "Set up the CLI to talk to a cluster",
       .description =
           "Check that <url> is a DC/OS cluster, log in, and save the cluster's configuration\n"
           "(clusters/<cluster-id>/dcos.toml) as the attached cluster. Setting up a cluster\n"
           "again updates its configuration. For HTTPS with a CA nobody trusts yet, the\n"
           "cluster's CA is downloaded and shown for confirmation (on a terminal; --yes or\n"
           "--ca-certs for scripts) and kept as dcos_ca.crt. Without a terminal nothing is\n"
           "asked: a missing credential fails with exit code 4. The user name may come from\n"
           "DCOS_USERNAME and the password from DCOS_PASSWORD (or the variable --password-env\n"
           "names); the flags win over them. DCOS_CLUSTER_SETUP_ACS_TOKEN skips the login.",
       .arguments = "<url>",
       .examples = "    dcos cluster setup https://dcos.example.com --username alice\n"
                   "    dcos cluster setup https://dcos.example.com --username ci-bot \\\n"
                   "        --password-env CI_DCOS_PASSWORD\n"
                   "    dcos cluster setup https://dcos.example.com --username ci-bot \\\n"
                   "        --private-key ci-bot.pem --ca-certs dcos-ca.crt\n",
       .needs = Needs::config},
      [](Flags& app, SetupOptions& options) {
        app.add_option("url", options.url, "URL of the cluster")->required();
        app.add_option("--name", options.name, "Name for the cluster (default: its own name)");
        app.add_option("--ca-certs", options.ca_certs, "CA bundle (PEM) to check the cluster with")
            ->type_name("<file>");
        app.add_flag("--insecure", options.insecure, "Do not check TLS certificates at all");
        app.add_flag("--no-check", options.no_check,
                     "Trust the CA certificate downloaded from the cluster without showing it for "
                     "confirmation (the real CLI's flag); TLS is still checked against that CA, "
                     "unlike --insecure");
        app.add_flag("--yes", options.yes,
                     "Same as --no-check: answer yes to the CA confirmation, the one question "
                     "setup asks (the word this CLI's other prompts take)");
        app.add_flag("--no-timeout", options.no_timeout, "Store core.timeout = 0 (no limit)");
        add_login_flags(app, options.flags);
      },
      run_setup);
}

}  // namespace dcos
