#include "local/command_line.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "local/util.hpp"

namespace dcos_local {
namespace {

constexpr const char* kDescription =
    "Serves the DC/OS HTTP APIs (Marathon, Mesos master and agents, IAM, metadata,\n"
    "Cosmos) on this machine and runs apps as local processes. Prints its base URL on\n"
    "the first line of stdout once it accepts connections; stops its tasks and exits\n"
    "0 on SIGINT or SIGTERM. Requests are not logged unless asked (--log-requests).";

constexpr const char* kExamples =
    "    dcos-local --port 0 --seed demo > url.txt &\n"
    "    dcos-local --auth --user ci:secret --work-dir ./cluster --log-requests\n";

/// The version of the emulated cluster, as /dcos-metadata/dcos-version.json gives it.
constexpr const char* kEmulatedDcosVersion = "2.2.0";

bool loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || starts_with(host, "127.");
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "dcos-local: %s\nRun 'dcos-local --help' for usage.\n", message.c_str());
  return 2;
}

int terminal_width() {
  winsize size{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

/// `text` indented by `indent` and broken between words at `width` columns.
std::string wrapped(const std::string& text, size_t indent, int width) {
  const size_t room = std::max<size_t>(indent + 20, static_cast<size_t>(width));
  std::string out, line(indent, ' ');
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (line.size() > indent && line.size() + 1 + word.size() > room) {
      out += line + "\n";
      line.assign(indent, ' ');
    }
    if (line.size() > indent) line += ' ';
    line += word;
  }
  return out + line + "\n";
}

/// Help in the layout of `dcos --help`: description, Usage, Examples, Options sorted by name,
/// each with its placeholder and its text wrapped at the terminal's width.
std::string help_text(const CLI::App& app) {
  const int width = terminal_width();
  std::string out = std::string(kDescription) + "\n\nUsage:\n    dcos-local [flags]\n\n";
  out += "Examples:\n" + std::string(kExamples) + "\nOptions:\n";
  auto options = app.get_options([](const CLI::Option* o) { return o->nonpositional(); });
  auto key = [](const CLI::Option* o) {
    return o->get_lnames().empty() ? o->get_name() : o->get_lnames().front();
  };
  std::sort(options.begin(), options.end(),
            [&](const CLI::Option* a, const CLI::Option* b) { return key(a) < key(b); });
  for (const auto* option : options) {
    std::vector<std::string> names;
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    std::string label = names.front();
    for (size_t i = 1; i < names.size(); ++i) label += ", " + names[i];
    // CLI11 appends the checks ("<n>:INT in [1 - 1000]"): help shows the placeholder only.
    const std::string type = option->get_type_name();
    if (!type.empty() && type.front() == '<') label += " " + type.substr(0, type.find('>') + 1);
    out += "    " + label + "\n" + wrapped(option->get_description(), 8, width);
  }
  return out;
}

std::string version_text() {
  return std::string("dcos-local.version=") + DCOS_LOCAL_VERSION +
         "\ndcos.version=" + kEmulatedDcosVersion + "\ndcos.variant=open\n";
}

/// The checks of values CLI11 cannot make, and the pairs `--user`/`--service-account` give.
std::optional<int> check(Options& opt, const std::vector<std::string>& users,
                         const std::vector<std::string>& accounts) {
  if (!(opt.time_scale > 0)) return usage_error("--time-scale wants a factor above 0, up to 1");
  if (opt.tls_cert.empty() != opt.tls_key.empty())
    return usage_error("--tls-cert and --tls-key go together");
  if (!opt.auth && !loopback(opt.host))
    return usage_error("refusing to listen on " + opt.host +
                       " without --auth: dcos-local runs the commands clients send it, so only "
                       "loopback addresses are allowed unless logins are required");
  for (const std::string& u : users) {
    size_t colon = u.find(':');
    if (colon == std::string::npos || colon == 0)
      return usage_error("--user wants uid:password, got '" + u.substr(0, colon) + "...'");
    opt.users.emplace_back(u.substr(0, colon), u.substr(colon + 1));
  }
  if (opt.users.empty()) opt.users.emplace_back("bootstrapuser", "deleteme");
  for (const std::string& a : accounts) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) return usage_error("--service-account wants uid=file");
    std::ifstream in(a.substr(eq + 1));
    if (!in) return usage_error("cannot read public key file " + a.substr(eq + 1));
    std::stringstream pem;
    pem << in.rdbuf();
    opt.service_accounts.emplace_back(a.substr(0, eq), pem.str());
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_command_line(int argc, char** argv, Options& opt) {
  std::vector<std::string> users, accounts;
  bool version = false;
  CLI::App app{kDescription, "dcos-local"};
  app.set_help_flag("-h,--help", "Show this help");
  app.add_flag("--version", version,
               "Print the version of dcos-local and of the DC/OS it emulates");
  app.add_option("--port", opt.port, "TCP port; 0 picks a free one")
      ->type_name("<port>")
      ->check(CLI::Range(0, 65535));
  app.add_option("--host", opt.host, "Address to listen on (loopback only unless --auth)")
      ->type_name("<address>");
  app.add_option("--work-dir", opt.work_dir,
                 "Folder for sandboxes and state, created when missing (default: a temporary "
                 "folder removed at exit)")
      ->type_name("<dir>");
  app.add_flag("--auth", opt.auth, "Require a login token on every API, as DC/OS does");
  app.add_option("--user", users,
                 "A user allowed to log in, as uid:password (default bootstrapuser:deleteme); "
                 "repeatable")
      ->type_name("<uid:password>");
  app.add_option("--service-account", accounts,
                 "A service account allowed to log in with an RS256 token signed by the key "
                 "whose public half is in the PEM file; repeatable")
      ->type_name("<uid=public-key.pem>");
  app.add_option("--token-ttl", opt.token_ttl_s, "Lifetime of login tokens in seconds")
      ->type_name("<seconds>")
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", opt.seed, "Initial cluster: none (the default) or demo")
      ->type_name("<none|demo>")
      ->check(CLI::IsMember({"none", "demo"}));
  app.add_option("--scale", opt.scale,
                 "Also create N apps with 3 simulated tasks each, and one more agent per 50 apps")
      ->type_name("<n>")
      ->check(CLI::Range(0, 100000));
  app.add_option("--agents", opt.agents,
                 "At least N private agents (default 2, plus one public agent); a Cassandra "
                 "ring needs one agent per node")
      ->type_name("<n>")
      ->check(CLI::Range(1, 1000));
  app.add_option("--history", opt.history,
                 "Also create M completed tasks (finished, failed, killed), with no process")
      ->type_name("<m>")
      ->check(CLI::Range(0, 1000000));
  app.add_flag("--no-log-api", opt.no_log_api,
               "Answer 404 on every /system/v1/.../logs path, as a cluster without dcos-log");
  app.add_option("--deploy-delay", opt.deploy_delay_ms,
                 "Milliseconds each deployment step and task start take")
      ->type_name("<ms>")
      ->check(CLI::Range(0, 600000));
  app.add_option("--tls-cert", opt.tls_cert, "Serve HTTPS with this PEM certificate")
      ->type_name("<file>")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", opt.tls_key, "PEM private key of --tls-cert")
      ->type_name("<file>")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-ca", opt.tls_ca, "CA certificate served at /ca/dcos-ca.crt")
      ->type_name("<file>")
      ->check(CLI::ExistingFile);
  app.add_option("--time-scale", opt.time_scale,
                 "Factor F (0 < F <= 1) given to every task as DCOS_LOCAL_TIME_SCALE: the "
                 "emulated services (Cassandra...) wait F times their usual intervals")
      ->type_name("<factor>")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--log-requests", opt.log_requests,
               "Log one line per request on stderr (address, method, path, status, size)");
  app.add_flag("-q,--quiet", opt.quiet,
               "Nothing on stderr but errors: no request log even with --log-requests, no "
               "message when stopping");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(help_text(app).c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  if (version) {
    std::fputs(version_text().c_str(), stdout);
    return 0;
  }
  return check(opt, users, accounts);
}

}  // namespace dcos_local
