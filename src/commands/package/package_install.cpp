// `dcos package install <name>` (spec core-cli.md §4.2, mesos-cosmos-api.md §2.8): describe the
// package, check the --options file against its schema (defaults merged under it, as Cosmos
// will), show the notes and ask on a terminal (--yes skips the question; without a terminal
// --yes is required), then /package/install with the user's options as given. --render is the
// dry run: the Marathon app Cosmos would create, as JSON or --yaml, nothing installed. --wait
// follows the new app's deployment as `dcos marathon app add --wait` does (exit 5 when time
// runs out). Installing a package's CLI (--cli) is not supported yet.
#include "cli/output.hpp"
#include "cli/prompt.hpp"
#include "commands/marathon_wait.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

using nlohmann::json;

constexpr const char* kCliUnsupported = "installing a package's CLI is not supported yet";

struct InstallOptions {
  std::string name;
  std::string options_file;
  std::string version;
  std::string app_id;
  bool yes = false;
  bool cli = false;
  bool app = false;
  bool render = false;
  bool yaml = false;
  std::string wait;
};

void print_notes(Context& context, const std::string& notes) {
  if (notes.empty()) return;
  context.err << notes << (notes.back() == '\n' ? "" : "\n");
}

Status check_flags(const InstallOptions& options) {
  if (options.app && options.cli)
    return Error::make(ErrorKind::usage, "--app and --cli are mutually exclusive");
  if (options.yaml && !options.render)
    return Error::make(ErrorKind::usage, "--yaml goes with --render");
  if (options.render && (options.cli || !options.wait.empty()))
    return Error::make(ErrorKind::usage,
                       "--render prints the Marathon app without installing anything; it does "
                       "not go with --cli or --wait");
  if (options.cli && !options.wait.empty())
    return Error::make(ErrorKind::usage,
                       "--wait follows the package's app; it does not go with --cli");
  return Status::success();
}

/// Follows the deployment that created `app_id` until it is done and the app runs.
Status wait_for_app(Context& context, const std::string& app_id, std::chrono::milliseconds limit) {
  auto http = context.client(Service::marathon);
  if (!http) return http.error();
  MarathonClient marathon(std::move(http).value());
  auto app = marathon.get_app(app_id);
  if (!app) return app.error();
  if (app->deployment_ids.empty()) return Status::success();
  WaitSettings settings;
  settings.limit = limit;
  settings.apps = {app->id};
  return wait_for_deployment(context, marathon, app->deployment_ids.front(), settings);
}

/// Cosmos's PackageAlreadyInstalled says no more than "Package is already installed" when
/// Marathon refused the app's id: the app that is in the way is named from a render.
Error name_existing_app(CosmosClient& cosmos, const CosmosInstallRequest& request, Error error) {
  if (error.detail != ErrorDetail::cosmos || error.ids.empty() ||
      error.ids.front() != "PackageAlreadyInstalled" ||
      error.message != "Package is already installed")
    return error;
  auto app = cosmos.render(request);
  if (app && app->is_object() && app->contains("id") && (*app)["id"].is_string())
    error.message += ": app [" + (*app)["id"].get<std::string>() + "] exists";
  return error;
}

Status run_install(const InstallOptions& options, Context& context) {
  if (Status flags = check_flags(options); !flags) return flags;
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  if (options.cli) return Error::make(ErrorKind::generic, kCliUnsupported);
  if (!options.yes && !options.render) {
    if (Status asked = need_terminal_or_yes(context, "install " + options.name); !asked)
      return asked;
  }
  auto user_options = read_options_file(options.options_file);
  if (!user_options) return user_options.error();
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  auto package = cosmos->describe(options.name, options.version);
  if (!package) return package.error();
  const json given = user_options->value_or(json::object());
  if (Status fits = check_options(*package, given, options.options_file); !fits) return fits;

  const CosmosInstallRequest request{package->name, package->version, options.app_id,
                                     *user_options};
  if (options.render) {
    auto app = cosmos->render(request);
    if (!app) return app.error();
    if (options.yaml) {
      write_yaml(context.out, *app);
    } else {
      write_json(context.out, *app);
    }
    return Status::success();
  }
  const bool has_app = !package->marathon_template.empty();
  if (!has_app)
    return Error::make(ErrorKind::generic,
                       options.app ? "package " + package->name + " " + package->version +
                                         " has no Marathon app to install"
                                   : std::string(kCliUnsupported) + " (package " + package->name +
                                         " has only a CLI)");

  if (!package->selected)
    context.err << "This is a Community service. Community services are not tested for "
                   "production environments. There may be bugs, incomplete features, incorrect "
                   "documentation, or other discrepancies.\n";
  context.err << "By Deploying, you agree to the Terms and Conditions "
                 "https://mesosphere.com/catalog-terms-conditions/#"
              << (package->selected ? "certified-services" : "community-services") << "\n";
  print_notes(context, package->pre_install_notes);
  if (!options.yes) {
    auto go = confirm_yes_no(context, "Continue installing?", true,
                             "add --yes to install without a question");
    if (!go) return go.error();
    if (!*go)
      return Error::make(ErrorKind::generic, "installation cancelled; nothing was installed");
  }

  context.err << "Installing Marathon app for package [" << package->name << "] version ["
              << package->version << "]\n";
  auto installed = cosmos->install(request);
  if (!installed) return name_existing_app(*cosmos, request, installed.take_error());
  if (!options.app) {
    if (package->has_cli_binaries())
      context.warn(std::string(kCliUnsupported) + "; only the app of " + package->name +
                   " was installed");
    else if (package->has_legacy_command())
      context.warn("the pip CLI subcommand of " + package->name +
                   " was not installed: pip subcommands are no longer supported");
  }
  print_notes(context, installed->post_install_notes.empty() ? package->post_install_notes
                                                             : installed->post_install_notes);
  if (*limit && !installed->app_id.empty())
    return wait_for_app(context, installed->app_id, **limit);
  return Status::success();
}

}  // namespace

void register_package_install(CommandTable& table) {
  table.verb<InstallOptions>(
      "package install",
      {.summary = "Install a package",
       .description =
           "Install a package's Marathon app. The --options file is checked against the\n"
           "package's schema first, with one line per problem, and nothing is installed when it\n"
           "does not fit. The notes and a question come on a terminal; --yes answers it, and is\n"
           "required without a terminal. --render prints the Marathon app that would be created\n"
           "(a dry run).",
       .arguments = "<name> [--yes]",
       .examples = "    dcos package install cassandra --options=options.json --yes\n"
                   "    dcos package install cassandra --options=options.json --render --yaml\n"
                   "    dcos package install hello-world --yes --wait=5m\n",
       .needs = Needs::cluster},
      [](Flags& flags, InstallOptions& options) {
        flags.add_option("name", options.name, "The package's name")->required();
        flags.add_option("--options", options.options_file, "A JSON file of the package's options")
            ->type_name("<file>");
        flags.add_option("--package-version", options.version, "The version to install")
            ->type_name("<version>");
        flags.add_option("--app-id", options.app_id, "The id of the app to create")
            ->type_name("<app-id>");
        flags.add_flag("--yes", options.yes,
                       "Install without asking (required without a terminal); the --options file "
                       "is still checked against the package's schema (there is no --no-check)");
        flags.add_flag("--app", options.app, "Install only the package's app");
        flags.add_flag("--cli", options.cli, "Install only the package's CLI (not supported yet)");
        flags.add_flag("--render", options.render,
                       "Print the Marathon app that would be created, and install nothing");
        flags.add_flag("--yaml", options.yaml, "With --render: print YAML instead of JSON");
        add_wait_flag(flags, options.wait);
      },
      run_install);
}

}  // namespace dcos
