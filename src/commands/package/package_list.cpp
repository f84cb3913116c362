// `dcos package list [<name>]`: the installed packages, one per name and version with the apps
// that run it (spec core-cli.md §4.2). The table is NAME, VERSION, CERTIFIED, APP, COMMAND,
// DESCRIPTION; --json prints each package's definition as Cosmos sent it plus `apps` (and
// `command` for packages older than packaging 4.0, as the real CLI does).
//
// This CLI installs no package CLIs, so there are no local ones to list: --cli lists none.
#include <map>

#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/strings.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct ListOptions {
  std::string query;
  std::string app_id;
  bool cli = false;
  ListFlags list;
};

struct Installed {
  CosmosPackage package;
  std::vector<std::string> apps;
};

bool wanted(const ListOptions& options, const CosmosInstalledApp& app) {
  if (!options.app_id.empty())
    return app.package.name == options.app_id || app.app_id == options.app_id;
  if (options.query.empty()) return true;
  return app.package.name.find(options.query) != std::string::npos ||
         app.app_id.find(options.query) != std::string::npos;
}

std::string list_description(const std::string& text) {
  std::string cut = text;
  if (size_t newline = cut.find('\n'); newline != std::string::npos)
    cut = cut.substr(0, newline) + "...";
  return cut.size() > 70 ? cut_bytes(cut, 66) + "..." : cut;
}

json package_json(const Installed& installed) {
  json entry = installed.package.raw.is_object() ? installed.package.raw : json::object();
  entry["apps"] = installed.apps;
  if (installed.package.packaging_version < "4.0" && !entry.contains("command"))
    entry["command"] = {{"name", installed.package.name}};
  return entry;
}

Status run_list(const ListOptions& options, Context& context) {
  if (!options.app_id.empty() && !options.query.empty())
    return Error::make(ErrorKind::usage,
                       "cannot use the flags `--app-id` and an argument at the same time");
  if (!options.app_id.empty() && options.cli && !options.list.json)
    return Error::make(ErrorKind::usage,
                       "cannot use the flags `--app-id` and `--cli` at the same time");
  std::map<std::pair<std::string, std::string>, Installed> packages;
  if (!options.cli) {
    auto cosmos = cosmos_client(context);
    if (!cosmos) return cosmos.error();
    auto apps = cosmos->list();
    if (!apps) return apps.error();
    for (auto& app : *apps) {
      if (!wanted(options, app)) continue;
      auto& entry = packages[{app.package.name, app.package.version}];
      if (entry.apps.empty()) entry.package = app.package;
      entry.apps.push_back(app.app_id);
    }
  }
  const bool filtered = !options.query.empty() || !options.app_id.empty() || options.cli;
  if (!options.list.json && filtered && packages.empty())
    return Error::make(ErrorKind::not_found, "cannot find packages matching the provided filter");
  ListRenderings renderings;
  renderings.json = [&]() -> Result<json> {
    json list = json::array();
    for (const auto& [key, installed] : packages) list.push_back(package_json(installed));
    return list;
  };
  renderings.empty = [&] { return packages.empty(); };
  renderings.none = "No packages are installed.";
  renderings.table = [&]() -> Status {
    Table table({{"NAME", ColumnKind::identifier},
                 "VERSION",
                 {"CERTIFIED", ColumnKind::optional, 1},
                 {"APP", ColumnKind::identifier},
                 {"COMMAND", ColumnKind::optional, 2},
                 {"DESCRIPTION", ColumnKind::text}});
    for (const auto& [key, installed] : packages) {
      const CosmosPackage& package = installed.package;
      std::string command = package.packaging_version < "4.0" ? package.name : "";
      table.add_row({package.name, package.version, package.selected ? "true" : "false",
                     installed.apps.empty() ? "---" : join(installed.apps, "\n"),
                     command.empty() ? "---" : command, list_description(package.description)});
    }
    table.set_align(1, Align::left);
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

}  // namespace

void register_package_list(CommandTable& table) {
  table.verb<ListOptions>(
      "package list",
      {.summary = "Print a list of the installed DC/OS packages",
       .description =
           "List the installed packages with the apps that run them. <name> keeps those whose\n"
           "name or app id contains it; --app-id those whose name or app id is exactly it.",
       .arguments = "[<name>]",
       .examples = "    dcos package list\n    dcos package list cassandra --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, ListOptions& options) {
        flags.add_option("name", options.query, "Part of a package's name or app id");
        flags.add_option("--app-id", options.app_id, "Only the package of this app id (or name)")
            ->type_name("<app-id>");
        flags.add_flag("--cli", options.cli,
                       "Only packages whose CLI is installed here (this CLI installs none)");
        add_list_flags(flags, options.list,
                       {.json = "Print JSON (a list of packages)", .quiet = ""});
      },
      run_list);
}

}  // namespace dcos
