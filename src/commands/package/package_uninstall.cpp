// `dcos package uninstall <name>` (spec core-cli.md §4.2): finds the package's installed apps
// (/package/list), warns that the data goes with them and asks for the name typed back on a
// terminal (--yes skips it; without a terminal --yes is required), then /package/uninstall and
// one line per app removed, with the package's post-uninstall notes. Package CLIs are not
// installed by this CLI, so --cli has nothing to remove.
#include "cli/prompt.hpp"
#include "client/strings.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

struct UninstallOptions {
  std::string name;
  std::string app_id;
  bool all = false;
  bool yes = false;
  bool app = false;
  bool cli = false;
};

/// Asks for `expected` typed back, three times at most.
Status typed_confirmation(Context& context, const std::string& label, const std::string& expected) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto answer =
        prompt_line(context, label, Echo::shown, "add --yes to uninstall without a question");
    if (!answer) return answer.error();
    std::string typed(trim(*answer));
    if (typed == expected) return Status::success();
    context.err << "Expected '" << expected << "'. You supplied '" << typed << "'.\n";
  }
  return Error::make(ErrorKind::generic, "cancelling uninstall; nothing was removed");
}

Status confirm_uninstall(const UninstallOptions& options, Context& context) {
  const std::string subject = options.app_id.empty() ? options.name : options.app_id;
  if (options.all) {
    context.err << "WARNING: This action cannot be undone. This will uninstall all instances of "
                   "the ["
                << subject << "] package, and delete all data for all " << subject
                << " instances.\n";
    return typed_confirmation(context, "Please type 'uninstall all " + subject + "'",
                              "uninstall all " + subject);
  }
  context.err << "WARNING: This action cannot be undone. This will uninstall [" << subject
              << "] and delete all of its persistent data (logs, configurations, database "
                 "artifacts, everything).\n";
  return typed_confirmation(context,
                            options.app_id.empty()
                                ? "Please type the name of the service to confirm"
                                : "Please type the full name of the app ID to confirm",
                            subject);
}

Status run_uninstall(const UninstallOptions& options, Context& context) {
  if (options.cli && (options.app || options.all || !options.app_id.empty()))
    return Error::make(ErrorKind::usage, "--cli cannot be used with --app, --app-id, or --all");
  if (options.all && !options.app_id.empty())
    return Error::make(ErrorKind::usage, "--all and --app-id are mutually exclusive");
  if (options.cli)
    return Error::make(ErrorKind::not_found,
                       "no CLI of package " + options.name +
                           " is installed: this CLI does not install package CLIs");
  if (!options.yes) {
    if (Status asked = need_terminal_or_yes(context, "uninstall " + options.name); !asked)
      return asked;
  }
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  auto installed = cosmos->list();
  if (!installed) return installed.error();
  std::vector<std::string> apps;
  for (const auto& app : *installed)
    if (app.package.name == options.name) apps.push_back(app.app_id);
  if (apps.empty())
    return Error::detailed(ErrorKind::not_found, "Package [" + options.name + "] is not installed",
                           ErrorDetail::cosmos, {"PackageNotInstalled"});
  if (!options.app_id.empty()) {
    std::string wanted = starts_with(options.app_id, "/") ? options.app_id : "/" + options.app_id;
    bool found = false;
    for (const auto& app : apps) found = found || app == wanted;
    if (!found)
      return Error::detailed(
          ErrorKind::not_found,
          "Package [" + options.name + "] with id [" + wanted + "] is not installed",
          ErrorDetail::cosmos, {"UninstallNonExistentAppForPackage"});
  } else if (apps.size() > 1 && !options.all) {
    std::vector<std::string> ids = {"AmbiguousAppId"};
    ids.insert(ids.end(), apps.begin(), apps.end());
    return Error::detailed(
        ErrorKind::ambiguous,
        "Multiple apps named [" + options.name + "] are installed: [" + join(apps, ", ") + "]",
        ErrorDetail::cosmos, ids);
  }
  if (!options.yes) {
    if (Status confirmed = confirm_uninstall(options, context); !confirmed) return confirmed;
  }
  auto removed = cosmos->uninstall(options.name, options.app_id, options.all);
  if (!removed) return removed.error();
  for (const auto& app : *removed) {
    context.err << "Uninstalled package [" << app.package_name << "] version ["
                << app.package_version << "]\n";
    if (!app.post_uninstall_notes.empty())
      context.err << app.post_uninstall_notes
                  << (app.post_uninstall_notes.back() == '\n' ? "" : "\n");
  }
  return Status::success();
}

}  // namespace

void register_package_uninstall(CommandTable& table) {
  table.verb<UninstallOptions>(
      "package uninstall",
      {.summary = "Uninstall a package",
       .description =
           "Remove the package's app (and the framework it registered) and all of its data. On a\n"
           "terminal the name is asked for; --yes skips the question and is required without a\n"
           "terminal. With several apps of one package, name one with --app-id or take all with\n"
           "--all.",
       .arguments = "<name> [--yes]",
       .examples = "    dcos package uninstall cassandra --yes\n"
                   "    dcos package uninstall cassandra --app-id=/cassandra/dev --yes\n"
                   "    dcos package uninstall cassandra --all --yes\n",
       .needs = Needs::cluster},
      [](Flags& flags, UninstallOptions& options) {
        flags.add_option("name", options.name, "The package's name")->required();
        flags.add_option("--app-id", options.app_id, "The app of the package to remove")
            ->type_name("<app-id>");
        flags.add_flag("--all", options.all, "Remove every app of the package");
        flags.add_flag("--yes", options.yes,
                       "Uninstall without asking (required without a terminal)");
        flags.add_flag("--app", options.app, "Remove only the package's app");
        flags.add_flag("--cli", options.cli, "Remove only the package's CLI (none is installed)");
      },
      run_uninstall);
}

}  // namespace dcos
