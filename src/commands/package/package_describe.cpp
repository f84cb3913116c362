// `dcos package describe <name>`: a package's definition, or one part of it (spec core-cli.md
// §4.2), as JSON indented by 2 spaces:
//   --package-versions  its versions (sorted), from /package/list-versions
//   --app               its Marathon template as written, or with --render/--options the app
//                       Cosmos renders (options checked against the schema first)
//   --cli               its CLI resources (or its legacy command)
//   --config            its options schema; a table of the options (path, type, default,
//                       description) instead when stdout is a terminal or with --table, and
//                       JSON on a terminal with --json
//   nothing             {"package": <definition>}
#include <algorithm>

#include "cli/output.hpp"
#include "client/base64.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct DescribeOptions {
  std::string name;
  bool app = false;
  std::string app_id;
  bool cli = false;
  bool config = false;
  bool render = false;
  std::string options_file;
  std::string version;
  bool versions = false;
  bool table = false;
  bool json = false;
};

std::string type_text(const json& schema) {
  auto type = schema.find("type");
  if (type == schema.end()) return "---";
  if (type->is_string()) return type->get<std::string>();
  if (type->is_array()) {
    std::string joined;
    for (const auto& entry : *type)
      if (entry.is_string()) joined += (joined.empty() ? "" : "|") + entry.get<std::string>();
    return joined.empty() ? "---" : joined;
  }
  return "---";
}

/// One row per option that is not itself an object of options, in the schema's order.
void option_rows(const json& schema, const std::string& prefix, Table& table) {
  auto properties = schema.find("properties");
  if (properties == schema.end() || !properties->is_object()) return;
  for (const auto& [name, property] : properties->items()) {
    if (!property.is_object()) continue;
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    auto nested = property.find("properties");
    if (nested != property.end() && nested->is_object() && !nested->empty()) {
      option_rows(property, path, table);
      continue;
    }
    auto given = property.find("default");
    std::string description = property.value("description", json("")).is_string()
                                  ? property.value("description", std::string())
                                  : "";
    table.add_row({path, type_text(property),
                   given == property.end()
                       ? "---"
                       : given->dump(-1, ' ', false, json::error_handler_t::replace),
                   description.empty() ? "---" : description});
  }
}

Status print_config(const DescribeOptions& options, const CosmosPackage& package,
                    Context& context) {
  const bool as_table = options.table || (context.terminal.stdout_tty && !options.json);
  if (!as_table) {
    write_json2(context.out, package.config.is_null() ? json::object() : package.config);
    return Status::success();
  }
  Table table({{"PATH", ColumnKind::identifier},
               "TYPE",
               {"DEFAULT", ColumnKind::text},
               {"DESCRIPTION", ColumnKind::text}});
  for (size_t column = 0; column < 3; ++column) table.set_align(column, Align::left);
  option_rows(package.config, "", table);
  if (table.rows() == 0) {
    context.err << "Package " << package.name << " " << package.version << " has no options.\n";
    return Status::success();
  }
  table.print(context.out, context.table_width());
  return Status::success();
}

Status print_cli(const CosmosPackage& package, Context& context) {
  if (package.has_cli_binaries()) {
    write_json2(context.out, package.raw.at("resource").at("cli"));
  } else if (package.has_legacy_command()) {
    write_json2(context.out, package.raw.at("command"));
  }
  return Status::success();
}

Status run_versions(const DescribeOptions& options, Context& context, CosmosClient& cosmos) {
  auto versions = cosmos.list_versions(options.name);
  if (!versions) return versions.error();
  json list = json::array();
  for (const auto& [version, release] : *versions) list.push_back(version);
  write_json2(context.out, list);
  return Status::success();
}

Status run_describe(const DescribeOptions& options, Context& context) {
  if (options.render && !options.app) return Error::make(ErrorKind::usage, "--render needs --app");
  if (!options.app_id.empty() && !options.app)
    return Error::make(ErrorKind::usage, "--app-id needs --app and --render");
  if (options.table && options.json)
    return Error::make(ErrorKind::usage, "--table and --json are mutually exclusive");
  if ((options.table || options.json) && !options.config)
    return Error::make(ErrorKind::usage, "--table and --json go with --config");
  auto user_options = read_options_file(options.options_file);
  if (!user_options) return user_options.error();
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  if (options.versions) return run_versions(options, context, *cosmos);
  auto package = cosmos->describe(options.name, options.version);
  if (!package) return package.error();
  if (options.app) {
    if (options.render || user_options->has_value()) {
      const json given = user_options->value_or(json::object());
      if (Status fits = check_options(*package, given, options.options_file); !fits) return fits;
      auto app = cosmos->render({package->name, package->version, options.app_id, *user_options});
      if (!app) return app.error();
      write_json2(context.out, *app);
      return Status::success();
    }
    if (package->marathon_template.empty())
      return Error::make(ErrorKind::not_found, "package " + package->name + " " + package->version +
                                                   " has no Marathon app");
    auto decoded = base64_decode(package->marathon_template);
    if (!decoded)
      return Error::make(ErrorKind::server, "the Marathon template of package " + package->name +
                                                " is not valid base64");
    context.out << *decoded;
    return Status::success();
  }
  if (options.cli) return print_cli(*package, context);
  if (options.config) return print_config(options, *package, context);
  write_json2(context.out, json{{"package", package->raw}});
  return Status::success();
}

}  // namespace

void register_package_describe(CommandTable& table) {
  table.verb<DescribeOptions>(
      "package describe",
      {.summary = "Get specific details for packages",
       .description =
           "Print a package's definition as JSON, or one part of it. --config shows its options\n"
           "(a table of path, type, default and description on a terminal or with --table, the\n"
           "JSON Schema otherwise or with --json); --app --render --options <file> shows the\n"
           "Marathon app an install would create with those options (see also 'dcos package\n"
           "install --render').",
       .arguments = "<name>",
       .examples = "    dcos package describe cassandra\n"
                   "    dcos package describe cassandra --config\n"
                   "    dcos package describe cassandra --app --render --options=options.json\n"
                   "    dcos package describe cassandra --package-versions\n",
       .needs = Needs::cluster},
      [](Flags& flags, DescribeOptions& options) {
        flags.add_option("name", options.name, "The package's name")->required();
        flags.add_flag("--app", options.app, "Print the package's Marathon template");
        flags.add_option("--app-id", options.app_id, "With --app --render: the app's id")
            ->type_name("<app-id>");
        flags.add_flag("--cli", options.cli, "Print the package's CLI resources");
        flags.add_flag("--config", options.config, "Print the package's options");
        flags.add_flag("--render", options.render,
                       "With --app: print the app Cosmos renders with the defaults and --options");
        flags
            .add_option("--options", options.options_file,
                        "A JSON file of options for --app --render")
            ->type_name("<file>");
        flags.add_option("--package-version", options.version, "The version to describe")
            ->type_name("<version>");
        flags.add_flag("--package-versions", options.versions, "Print the package's versions");
        flags.add_flag("--table", options.table,
                       "With --config: a table even when not on a terminal");
        flags.add_flag("--json", options.json, "With --config: the JSON Schema even on a terminal");
      },
      run_describe);
}

}  // namespace dcos
