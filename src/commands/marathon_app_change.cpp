// `dcos marathon app add|update|remove|restart|start|stop|kill`: the verbs that change apps.
// Each checks its input completely (ids, counts, --wait's duration, the definition) before
// the first request, prints the deployment it started, and with --wait follows it to the end.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "client/app_schema.hpp"
#include "client/strings.hpp"
#include "commands/definition_input.hpp"
#include "commands/marathon_common.hpp"
#include "commands/marathon_wait.hpp"

namespace dcos {
namespace {

using nlohmann::json;

constexpr size_t kDnsFriendlyLength = 54;  ///< longer service ids get no Mesos-DNS SRV records

struct AddOptions {
  std::string resource;
  bool force = false;
  std::string wait;
  bool json = false;
};

struct UpdateOptions {
  std::string app_id;
  std::vector<std::string> properties;
  bool force = false;
  std::string wait;
  bool json = false;
};

/// remove, restart and stop: an id, --force and --wait.
struct IdForceWaitOptions {
  std::string app_id;
  bool force = false;
  std::string wait;
  bool json = false;
};

struct StartOptions {
  std::string app_id;
  std::string instances = "1";
  bool force = false;
  std::string wait;
  bool json = false;
};

struct KillOptions {
  std::string app_id;
  bool scale = false;
  std::string host;
  std::string wait;
  bool json = false;
};

/// The app id and --wait limit every verb starts with, both checked before any request.
struct AppTarget {
  std::string id;
  std::optional<std::chrono::milliseconds> wait;
};

Result<AppTarget> validate_target(const std::string& app_id, const std::string& wait) {
  auto id = validate_app_id(app_id);
  if (!id) return id.take_error();
  auto limit = wait_limit(wait);
  if (!limit) return limit.take_error();
  return AppTarget{*id, *limit};
}

/// How a field's path is written back to the user: as typed in a property
/// (`container.docker.image`) or as a JSON pointer into a file (`/container/docker/image`).
enum class PathStyle { dotted, pointer };

std::string shown_path(const std::vector<std::string>& path, PathStyle style) {
  return style == PathStyle::dotted ? join(path, ".") : "/" + join(path, "/");
}

std::string unknown_line(const app_schema::UnknownField& field, PathStyle style) {
  std::vector<std::string> parent(field.path.begin(), field.path.end() - 1);
  std::string line = shown_path(field.path, style) + ": not a field of " +
                     (parent.empty() ? std::string("an app") : shown_path(parent, style));
  if (!field.suggestion.empty())
    line += "; did you mean " + shown_path(field.suggestion, style) + "?";
  return line;
}

/// The fields an app does not have, one line each: a usage error (Marathon would drop them
/// without a word), unless --force sends them as they are.
Status refuse_unknown(const std::vector<std::pair<app_schema::UnknownField, PathStyle>>& fields,
                      const std::string& what) {
  if (fields.empty()) return Status::success();
  const std::string hint =
      "check the spelling; --force sends fields this CLI does not know as they are";
  if (fields.size() == 1)
    return Error::make(ErrorKind::usage,
                       "unknown field in " + what + ": " +
                           unknown_line(fields.front().first, fields.front().second),
                       hint);
  std::string message = std::to_string(fields.size()) + " unknown fields in " + what + ":";
  for (const auto& [field, style] : fields) message += "\n  " + unknown_line(field, style);
  return Error::make(ErrorKind::usage, message, hint);
}

std::vector<std::pair<app_schema::UnknownField, PathStyle>> styled(
    const std::vector<app_schema::UnknownField>& fields, PathStyle style) {
  std::vector<std::pair<app_schema::UnknownField, PathStyle>> out;
  for (const auto& field : fields) out.emplace_back(field, style);
  return out;
}

/// The whole change an update sends: the document's fields, then the properties, each dotted
/// key applied to the nested object it names in the app as it will be (`current` under the
/// document).
Result<json> update_body(const ChangeParts& parts, const json& current) {
  json changes = parts.document.is_object() ? parts.document : json::object();
  json base = current.is_object() ? current : json::object();
  for (const auto& [key, value] : changes.items()) base[key] = value;
  auto applied = app_schema::apply_dotted(parts.properties, base);
  if (!applied) return applied.take_error();
  for (const auto& [key, value] : applied->items()) changes[key] = value;
  return changes;
}

Status run_add(const AddOptions& options, Context& context) {
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto definition = load_definition(context, options.resource, "dcos marathon app add < app.json");
  if (!definition) return definition.error();
  if (!definition->is_object())
    return Error::make(ErrorKind::invalid,
                       "expected one app definition (an object), found a list; add apps one by "
                       "one or as a group with 'dcos marathon group add'");
  auto id_field = definition->find("id");
  if (id_field == definition->end() || !id_field->is_string() ||
      id_field->get<std::string>().empty())
    return Error::make(ErrorKind::invalid, "the app definition has no \"id\"");
  auto id = validate_app_id(id_field->get<std::string>());
  if (!id) return id.error();
  if (!options.force)
    if (auto known =
            refuse_unknown(styled(app_schema::unknown_fields(*definition), PathStyle::pointer),
                           "the app definition");
        !known)
      return known;
  if (id->size() - 1 > kDnsFriendlyLength)
    context.warn("app ids longer than " + std::to_string(kDnsFriendlyLength) +
                 " characters get no Mesos-DNS SRV records");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto existing = marathon->get_app(*id);
  if (existing)
    return Error::make(ErrorKind::conflict, "app '" + *id + "' already exists",
                       "change it with 'dcos marathon app update " + *id + "'");
  if (existing.error().kind != ErrorKind::not_found) return existing.error();
  auto result = marathon->create_app(*definition);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {*id}, announce_for(options.json));
}

Status run_update(const UpdateOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  auto parts = load_change_parts(context, options.properties,
                                 "dcos marathon app update " + target->id + " < changes.json");
  if (!parts) return parts.error();
  if (!options.force) {
    auto fields = styled(app_schema::unknown_fields(parts->document), PathStyle::pointer);
    auto typed = styled(app_schema::unknown_changes(parts->properties), PathStyle::dotted);
    fields.insert(fields.end(), typed.begin(), typed.end());
    if (auto known = refuse_unknown(fields, "the changes to app '" + target->id + "'"); !known)
      return known;
  }
  json named = parts->document.is_object() && parts->document.contains("id")
                   ? parts->document["id"]
                   : parts->properties.value("id", json());
  if (named.is_string()) {
    auto id = validate_app_id(named.get<std::string>());
    if (!id) return id.error();
    if (*id != target->id)
      return Error::make(
          ErrorKind::invalid,
          "the definition's id '" + *id + "' is not the app being updated, '" + target->id + "'");
  }
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = marathon->get_app(target->id);
  if (!app) return app.error();
  auto changes = update_body(*parts, app->raw);
  if (!changes) return changes.error();
  auto result = marathon->update_app(target->id, *changes, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, target->wait, {target->id},
                       announce_for(options.json));
}

Status run_remove(const IdForceWaitOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->remove_app(target->id, options.force);
  if (!result) return result.error();
  confirm_change(context, options.json, "Removed app " + target->id, result->document());
  return finish_change(context, *marathon, *result, target->wait, {target->id}, Announce::no);
}

Status run_restart(const IdForceWaitOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = marathon->get_app(target->id);
  if (!app) return app.error();
  if (app->instances.value_or(0) <= 0)
    return Error::make(ErrorKind::invalid, "app '" + target->id +
                                               "' has no instances to restart; start it with "
                                               "'dcos marathon app start " +
                                               target->id + "'");
  auto result = marathon->restart_app(target->id, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, target->wait, {target->id},
                       announce_for(options.json));
}

Status run_start(const StartOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  auto instances = parse_int(trim(options.instances));
  if (!instances)
    return Error::make(ErrorKind::usage, "the number of instances must be a whole number: '" +
                                             options.instances + "'");
  if (*instances <= 0)
    return Error::make(ErrorKind::usage,
                       "the number of instances must be positive: " + std::to_string(*instances));
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = marathon->get_app(target->id);
  if (!app) return app.error();
  if (app->instances.value_or(0) > 0)
    return Error::make(
        ErrorKind::conflict,
        "app '" + target->id + "' is already started: " + std::to_string(*app->instances) +
            " instances",
        "change the count with 'dcos marathon app update " + target->id + " instances=N'");
  auto result = marathon->update_app(target->id, json{{"instances", *instances}}, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, target->wait, {target->id},
                       announce_for(options.json));
}

Status run_stop(const IdForceWaitOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = marathon->get_app(target->id);
  if (!app) return app.error();
  if (app->instances && *app->instances == 0)
    return Error::make(ErrorKind::conflict,
                       "app '" + target->id + "' is already stopped: 0 instances");
  auto result = marathon->update_app(target->id, json{{"instances", 0}}, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, target->wait, {target->id},
                       announce_for(options.json));
}

/// What `app kill` without --scale prints; killing nothing (no task on --host, or no task at all)
/// is not_found, since what was named to kill is missing.
Status confirm_app_kill(Context& context, const std::string& id, const KillOptions& options,
                        const KilledTasks& killed) {
  if (killed.tasks.empty()) {
    if (!options.host.empty() && options.host != "*")
      return Error::make(ErrorKind::not_found,
                         "app '" + id + "' has no task on host '" + options.host + "'",
                         "see where its tasks run with 'dcos marathon task list " + id + "'");
    return Error::make(ErrorKind::not_found, "app '" + id + "' has no task to kill");
  }
  if (options.json) {
    write_json(context.out, killed.raw);
    return Status::success();
  }
  std::vector<std::string> ids;
  for (const auto& task : killed.tasks) ids.push_back(task.id);
  confirm_killed(context, "task", ids, id);
  return Status::success();
}

Status run_kill(const KillOptions& options, Context& context) {
  auto target = validate_target(options.app_id, options.wait);
  if (!target) return target.error();
  if (target->wait && !options.scale)
    return Error::make(ErrorKind::usage,
                       "--wait needs --scale: killed tasks are replaced without a deployment");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  if (!options.scale) {
    auto killed = marathon->kill_app_tasks(target->id, options.host);
    if (!killed) return killed.error();
    return confirm_app_kill(context, target->id, options, *killed);
  }
  auto app = marathon->get_app(target->id);
  if (!app) return app.error();
  auto result = marathon->update_app(target->id, json{{"instances", 0}});
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, target->wait, {target->id},
                       announce_for(options.json));
}

void id_and_force(Flags& app, std::string& id, bool& force, bool& json) {
  app.add_option("app-id", id, "The app's id")->required();
  app.add_flag("--force", force, "Override a deployment that holds the app");
  add_change_json_flag(app, json);
}

/// remove, restart and stop: the app id, --force and --wait.
void setup_id_force_wait(Flags& app, IdForceWaitOptions& options) {
  id_and_force(app, options.app_id, options.force, options.json);
  add_wait_flag(app, options.wait);
}

}  // namespace

void register_marathon_app_change_commands(CommandTable& table) {
  table.verb<AddOptions>(
      "marathon app add",
      {.summary = "Deploy a new application",
       .description =
           "Create an app from a definition: a file, an http(s) URL, or stdin when none is\n"
           "given. JSON and YAML are both accepted (told apart by content). The definition is\n"
           "checked before anything is sent (fields an app does not have are refused unless\n"
           "--force is given); an app with the same id must not exist.",
       .arguments = "[<app-resource>]",
       .examples = "    dcos marathon app add app.json --wait\n"
                   "    dcos marathon app add https://example.com/app.yaml\n"
                   "    dcos marathon app add < app.json\n",
       .needs = Needs::cluster},
      [](Flags& app, AddOptions& options) {
        app.add_option("app-resource", options.resource,
                       "A file, an http(s) URL, or - for stdin (the default)");
        app.add_flag("--force", options.force,
                     "Send fields this CLI does not know as they are, instead of refusing them");
        add_wait_flag(app, options.wait);
        add_change_json_flag(app, options.json);
      },
      run_add);
  table.verb<UpdateOptions>(
      "marathon app update",
      {.summary = "Change an application's definition",
       .description =
           "Change the fields given as key=value properties, those of a JSON or YAML file or\n"
           "http(s) URL, or those of the object on stdin; fields not named keep their values.\n"
           "Values are typed as numbers, true/false, null, JSON lists and objects, or else\n"
           "text. A dotted key changes one field of a nested object and keeps the rest\n"
           "(container.docker.image=nginx, env.LEVEL=debug). Fields an app does not have are\n"
           "refused with the closest known one; --force sends them as they are.",
       .arguments = "<app-id> [<app-resource>] [<properties>...]",
       .examples = "    dcos marathon app update /demo/hello instances=3 cpus=0.2\n"
                   "    dcos marathon app update /demo/hello container.docker.image=nginx:1.27\n"
                   "    dcos marathon app update /demo/hello env='{\"LEVEL\":\"debug\"}' --wait\n"
                   "    dcos marathon app update /demo/hello v2.json\n"
                   "    dcos marathon app update /demo/hello < changes.yaml\n",
       .needs = Needs::cluster},
      [](Flags& app, UpdateOptions& options) {
        app.add_option("app-id", options.app_id, "The app's id")->required();
        app.add_flag("--force", options.force,
                     "Override a deployment that holds the app, and send fields this CLI does "
                     "not know as they are");
        add_change_json_flag(app, options.json);
        app.add_option("properties", options.properties,
                       "key=value pairs of fields to change, and at most one file or URL");
        add_wait_flag(app, options.wait);
      },
      run_update);
  table.verb<IdForceWaitOptions>(
      "marathon app remove",
      {.summary = "Remove an application",
       .description = "Remove the app and kill its tasks. Prints \"Removed app <id>\"; with "
                      "--wait, returns\nonce they are gone.",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      setup_id_force_wait, run_remove);
  table.verb<IdForceWaitOptions>(
      "marathon app restart",
      {.summary = "Restart an application's tasks",
       .description = "Replace every task of the app with a new one, following its upgrade "
                      "strategy.",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      setup_id_force_wait, run_restart);
  table.verb<StartOptions>(
      "marathon app start",
      {.summary = "Start a stopped application",
       .description = "Scale a stopped app (0 instances) to <instances>, 1 by default.",
       .arguments = "<app-id> [<instances>]",
       .needs = Needs::cluster},
      [](Flags& app, StartOptions& options) {
        id_and_force(app, options.app_id, options.force, options.json);
        app.add_option("instances", options.instances, "How many instances to run (default 1)");
        add_wait_flag(app, options.wait);
      },
      run_start);
  table.verb<IdForceWaitOptions>(
      "marathon app stop",
      {.summary = "Stop an application",
       .description = "Scale the app to 0 instances; its definition stays.",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      setup_id_force_wait, run_stop);
  table.verb<KillOptions>(
      "marathon app kill",
      {.summary = "Kill an application's tasks",
       .description = "Kill the app's tasks (on one agent with --host); Marathon starts new ones.\n"
                      "With --scale the app is scaled to 0 instead, so none come back. Prints\n"
                      "\"Killed N tasks of <app-id>\" (-v adds their ids); killing none is an "
                      "error (exit 3).",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      [](Flags& app, KillOptions& options) {
        app.add_option("app-id", options.app_id, "The app's id")->required();
        auto* scale = app.add_flag("--scale", options.scale, "Scale the app to 0 instances");
        app.add_option("--host", options.host, "Kill only the tasks on this agent (its hostname)")
            ->type_name("<agent>")
            ->excludes(scale);
        add_wait_flag(app, options.wait);
        add_change_json_flag(app, options.json);
      },
      run_kill);
}

}  // namespace dcos
