// `dcos marathon app diff <app-id> <file>`: what `app update` with that file would change,
// field by field — the check a pipeline runs before it deploys. Only the fields the file names
// are compared (an update leaves the others as they are), fields Marathon fills in itself
// (version, task counts, deployments, ...) are ignored, and so are ports the file leaves to
// Marathon (0); deprecated fields are first rewritten the way Marathon rewrites them.
// Exit 0 when nothing would change, 1 when something would.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/command_table.hpp"
#include "commands/definition_input.hpp"
#include "commands/marathon_common.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct DiffOptions {
  std::string app_id;
  std::string resource;
  bool json = false;
};

struct Difference {
  std::string path;
  json current;  ///< null with `added`
  json wanted;
  bool added = false;
};

/// Fields of an app that Marathon computes; a definition file has no say in them.
bool server_filled(const std::string& key) {
  static const std::set<std::string> keys = {
      "version",        "versionInfo",           "tasks",
      "tasksRunning",   "tasksStaged",           "tasksHealthy",
      "tasksUnhealthy", "deployments",           "lastTaskFailure",
      "taskStats",      "readinessCheckResults", "counts"};
  return keys.count(key) > 0;
}

/// Ports the file leaves to Marathon to choose.
bool chosen_by_marathon(const std::string& key, const json& wanted) {
  static const std::set<std::string> ports = {"servicePort", "hostPort", "port"};
  return ports.count(key) > 0 && wanted.is_number() && wanted == 0;
}

/// The definition as Marathon stores it: the deprecated Docker networking fields
/// (container.docker.network and container.docker.portMappings) become `networks` and
/// container.portMappings, and `uris` becomes `fetch`, so that an old-style file compares
/// equal to the app it created.
json canonical(json app) {
  auto container = app.find("container");
  if (container != app.end() && container->is_object() && container->contains("docker") &&
      (*container)["docker"].is_object()) {
    json& docker = (*container)["docker"];
    if (auto network = docker.find("network"); network != docker.end()) {
      static const std::map<std::string, std::string> modes = {
          {"BRIDGE", "container/bridge"}, {"HOST", "host"}, {"USER", "container"}};
      auto mode = network->is_string() ? modes.find(network->get<std::string>()) : modes.end();
      if (mode != modes.end() && !app.contains("networks"))
        app["networks"] = json::array({{{"mode", mode->second}}});
      docker.erase("network");
    }
    if (auto mappings = docker.find("portMappings"); mappings != docker.end()) {
      if (!container->contains("portMappings")) (*container)["portMappings"] = *mappings;
      docker.erase("portMappings");
    }
  }
  if (auto uris = app.find("uris"); uris != app.end() && uris->is_array()) {
    if (!app.contains("fetch")) {
      json fetch = json::array();
      for (const auto& uri : *uris) fetch.push_back({{"uri", uri}});
      app["fetch"] = fetch;
    }
    app.erase("uris");
  }
  return app;
}

void compare(const std::string& path, const json& current, const json& wanted,
             std::vector<Difference>& out) {
  if (wanted.is_object() && current.is_object()) {
    for (const auto& [key, value] : wanted.items()) {
      if (chosen_by_marathon(key, value)) continue;
      std::string child = path.empty() ? key : path + "." + key;
      auto have = current.find(key);
      if (have == current.end()) {
        if (!value.is_null()) out.push_back({child, nullptr, value, true});
        continue;
      }
      compare(child, *have, value, out);
    }
    return;
  }
  if (wanted.is_array() && current.is_array() && wanted.size() == current.size()) {
    for (size_t i = 0; i < wanted.size(); ++i)
      compare(path + "[" + std::to_string(i) + "]", current[i], wanted[i], out);
    return;
  }
  if (current != wanted) out.push_back({path, current, wanted, false});
}

std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status run_diff(const DiffOptions& options, Context& context) {
  auto id = validate_app_id(options.app_id);
  if (!id) return id.error();
  auto loaded =
      load_definition(context, options.resource, "dcos marathon app diff " + *id + " app.json");
  if (!loaded) return loaded.error();
  if (!loaded->is_object())
    return Error::make(ErrorKind::invalid, "expected one app definition (an object)");
  Result<json> wanted = canonical(std::move(*loaded));
  if (auto named = wanted->find("id"); named != wanted->end()) {
    auto file_id = named->is_string() ? validate_app_id(named->get<std::string>())
                                      : Result<std::string>(Error::make(
                                            ErrorKind::invalid, "the definition's id is not text"));
    if (!file_id) return file_id.error();
    if (*file_id != *id)
      return Error::make(ErrorKind::invalid,
                         "the definition is for '" + *file_id + "', not '" + *id + "'");
  }
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = marathon->get_app(*id);
  if (!app) return app.error();

  std::vector<Difference> differences;
  for (const auto& [key, value] : wanted->items()) {
    if (key == "id" || server_filled(key)) continue;
    auto have = app->raw.find(key);
    if (have == app->raw.end()) {
      if (!value.is_null()) differences.push_back({key, nullptr, value, true});
      continue;
    }
    compare(key, *have, value, differences);
  }

  if (options.json) {
    json list = json::array();
    for (const auto& d : differences)
      list.push_back({{"path", d.path}, {"current", d.current}, {"wanted", d.wanted}});
    write_json(context.out, list);
  } else {
    for (const auto& d : differences) {
      if (d.added) {
        context.out << "+ " << d.path << ": " << compact(d.wanted) << "\n";
      } else {
        context.out << "~ " << d.path << ": " << compact(d.current) << " -> " << compact(d.wanted)
                    << "\n";
      }
    }
  }
  if (differences.empty()) {
    if (!options.json) context.err << "No changes: app '" << *id << "' matches the definition\n";
    return Status::success();
  }
  return Error::silent();
}

}  // namespace

void register_marathon_app_diff_command(CommandTable& table) {
  table.verb<DiffOptions>(
      "marathon app diff",
      {.summary = "Show what a definition would change in an application",
       .description =
           "Compare the fields of a definition (file, http(s) URL, or - for stdin; JSON or\n"
           "YAML) with the running app: '~ path: current -> wanted' for a changed field,\n"
           "'+ path: wanted' for a new one. Fields the definition leaves out, fields Marathon\n"
           "fills in (version, task counts, deployments) and ports left to Marathon (0) are\n"
           "not compared. Exit status: 0 when nothing would change, 1 when something would.",
       .arguments = "<app-id> <app-resource>",
       .examples = "    dcos marathon app diff /demo/hello hello.json && echo up to date\n",
       .needs = Needs::cluster},
      [](Flags& app, DiffOptions& options) {
        app.add_option("app-id", options.app_id, "The app's id")->required();
        app.add_option("app-resource", options.resource, "A file, an http(s) URL, or - for stdin")
            ->required();
        app.add_flag("--json", options.json,
                     "Print the differences as a JSON list of {path, current, wanted}");
      },
      run_diff);
}

}  // namespace dcos
