// `dcos marathon pod add|list|show|remove|update|kill`: Marathon's pods, groups of containers
// that run together. Every verb first asks Marathon whether it knows pods (HEAD /v2/pods).
// `list` shows each pod with its containers on the lines below it.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "client/resolve.hpp"
#include "commands/definition_input.hpp"
#include "commands/marathon_common.hpp"
#include "commands/marathon_wait.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct AddOptions {
  std::string resource;
  std::string wait;
  bool json = false;
};

struct ListOptions {
  ListFlags list;
};

struct ShowOptions {
  std::string pod_id;
  bool yaml = false;
};

struct ChangeOptions {
  std::string pod_id;
  std::string resource;  ///< update only
  bool force = false;
  std::string wait;
  bool json = false;
};

struct KillOptions {
  std::string pod_id;
  std::vector<std::string> instances;
  bool json = false;
};

/// A Marathon client, once Marathon has said it knows pods.
Result<MarathonClient> pod_client(Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon;
  auto supported = marathon->supports_pods();
  if (!supported) return supported.take_error();
  if (!*supported)
    return Error::make(ErrorKind::generic, "this cluster's Marathon does not support pods");
  return marathon;
}

/// The first cell: the pod id, then one ` |-<container>` line per container, sorted.
std::string id_cell(const MarathonPodStatus& pod) {
  std::vector<std::string> names = pod.containers;
  std::sort(names.begin(), names.end());
  std::string cell = pod.id;
  for (const auto& name : names) cell += "\n |-" + name;
  return cell;
}

bool overdue(const std::string& id, const std::vector<QueueItem>& queue) {
  return std::any_of(queue.begin(), queue.end(),
                     [&](const QueueItem& item) { return item.pod_id == id && item.overdue; });
}

Status run_list(const ListOptions& options, Context& context) {
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  auto pods = marathon->pods_status();
  if (!pods) return pods.error();
  std::vector<const MarathonPodStatus*> sorted;
  for (const auto& pod : *pods) sorted.push_back(&pod);
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const MarathonPodStatus* a, const MarathonPodStatus* b) { return a->id < b->id; });
  ListRenderings renderings;
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> ids;
    for (const auto* pod : sorted) ids.push_back(pod->id);
    return ids;
  };
  // Only the JSON and the table need the launch queue (for "overdue" and WAITING).
  renderings.json = [&]() -> Result<json> {
    auto queue = marathon->queue();
    if (!queue) return queue.take_error();
    json list = json::array();
    for (const auto& pod : *pods) {
      json document = pod.raw;
      document["overdue"] = overdue(pod.id, *queue);
      list.push_back(std::move(document));
    }
    return list;
  };
  renderings.table = [&]() -> Status {
    auto queue = marathon->queue();
    if (!queue) return queue.error();
    Table table({"ID+TASKS", "INSTANCES", "VERSION", "STATUS", "STATUS SINCE", "WAITING", "ROLE"});
    table.set_align(0, Align::left);
    for (const auto* pod : sorted)
      table.add_row({id_cell(*pod), std::to_string(pod->instances.size()),
                     pod->version.value_or("-"), pod->status, pod->status_since,
                     overdue(pod->id, *queue) ? "true" : "false", pod->role.value_or("N/A")});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_show(const ShowOptions& options, Context& context) {
  auto id = validate_id(options.pod_id, IdKind::pod);
  if (!id) return id.error();
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  auto pod = marathon->pod_status(*id);
  if (!pod) return pod.error();
  print_document(context, pod->raw, options.yaml);
  return Status::success();
}

Status run_add(const AddOptions& options, Context& context) {
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto definition = load_definition(context, options.resource, "dcos marathon pod add < pod.json");
  if (!definition) return definition.error();
  if (!definition->is_object() || !definition->contains("id") || !(*definition)["id"].is_string())
    return Error::make(ErrorKind::invalid, "the pod definition has no \"id\"");
  auto id = validate_id((*definition)["id"].get<std::string>(), IdKind::pod);
  if (!id) return id.error();
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->create_pod(*definition);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {}, announce_for(options.json));
}

Status run_update(const ChangeOptions& options, Context& context) {
  auto id = validate_id(options.pod_id, IdKind::pod);
  if (!id) return id.error();
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto definition =
      load_definition(context, options.resource, "dcos marathon pod update " + *id + " < pod.json");
  if (!definition) return definition.error();
  if (!definition->is_object())
    return Error::make(ErrorKind::invalid, "expected one pod definition (an object)");
  if (auto named = definition->find("id"); named != definition->end() && named->is_string()) {
    auto given = validate_id(named->get<std::string>(), IdKind::pod);
    if (!given) return given.error();
    if (*given != *id)
      return Error::make(ErrorKind::invalid,
                         "the definition is for '" + *given + "', not '" + *id + "'");
  }
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  if (auto pod = marathon->pod_status(*id); !pod) return pod.error();
  auto result = marathon->update_pod(*id, *definition, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {}, announce_for(options.json));
}

Status run_remove(const ChangeOptions& options, Context& context) {
  auto id = validate_id(options.pod_id, IdKind::pod);
  if (!id) return id.error();
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->remove_pod(*id, options.force);
  if (!result) return result.error();
  confirm_change(context, options.json, "Removed pod " + *id, result->document());
  return finish_change(context, *marathon, *result, *limit, {}, Announce::no);
}

Status run_kill(const KillOptions& options, Context& context) {
  auto id = validate_id(options.pod_id, IdKind::pod);
  if (!id) return id.error();
  if (options.instances.empty())
    return Error::make(ErrorKind::usage, "name at least one instance of the pod to kill",
                       "see the instance ids with 'dcos marathon pod show " + *id + "'");
  auto marathon = pod_client(context);
  if (!marathon) return marathon.error();
  auto pod = marathon->pod_status(*id);
  if (!pod) return pod.error();
  std::vector<std::string> chosen;
  for (const auto& wanted : options.instances) {
    auto resolved = resolve_id(wanted, pod->instances, "instance");
    if (!resolved) return resolved.error();
    chosen.push_back(*resolved);
  }
  auto killed = marathon->kill_pod_instances(*id, chosen);
  if (!killed) return killed.error();
  if (options.json) {
    write_json(context.out, *killed);
  } else {
    confirm_killed(context, "instance", chosen, "pod " + *id);
  }
  return Status::success();
}

void id_force_wait(Flags& app, ChangeOptions& options) {
  app.add_option("pod-id", options.pod_id, "The pod's id")->required();
  app.add_flag("--force", options.force, "Override a deployment that holds the pod");
  add_wait_flag(app, options.wait);
  add_change_json_flag(app, options.json);
}

}  // namespace

void register_marathon_pod_commands(CommandTable& table) {
  table.group("marathon pod", {.summary = "Manage Marathon pods",
                               .description = "Deploy, change, inspect and remove pods."});
  table.verb<AddOptions>(
      "marathon pod add",
      {.summary = "Deploy a new pod",
       .description = "Create a pod from a definition: a file, an http(s) URL, or stdin (JSON or "
                      "YAML).",
       .arguments = "[<pod-resource>]",
       .needs = Needs::cluster},
      [](Flags& app, AddOptions& options) {
        app.add_option("pod-resource", options.resource,
                       "A file, an http(s) URL, or - for stdin (the default)");
        add_wait_flag(app, options.wait);
        add_change_json_flag(app, options.json);
      },
      run_add);
  table.verb<ListOptions>(
      "marathon pod list",
      {.summary = "List the pods",
       .description = "List every pod with its containers, instances, version and status.\n"
                      "--json prints Marathon's pod status objects, each with an added "
                      "\"overdue\".",
       .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        add_list_flags(app, options.list,
                       {.json = "Print JSON", .quiet = "Print only the pod ids"});
      },
      run_list);
  table.verb<ShowOptions>(
      "marathon pod show",
      {.summary = "Show a pod's status", .arguments = "<pod-id>", .needs = Needs::cluster},
      [](Flags& app, ShowOptions& options) {
        app.add_option("pod-id", options.pod_id, "The pod's id")->required();
        add_document_flags(app, options.yaml);
      },
      run_show);
  table.verb<ChangeOptions>(
      "marathon pod update",
      {.summary = "Replace a pod's definition",
       .description = "Replace the pod's definition with a whole new one (a file, an http(s) URL, "
                      "or stdin).",
       .arguments = "<pod-id> [<pod-resource>]",
       .needs = Needs::cluster},
      [](Flags& app, ChangeOptions& options) {
        id_force_wait(app, options);
        app.add_option("pod-resource", options.resource,
                       "A file, an http(s) URL, or - for stdin (the default)");
      },
      run_update);
  table.verb<ChangeOptions>(
      "marathon pod remove",
      {.summary = "Remove a pod", .arguments = "<pod-id>", .needs = Needs::cluster}, id_force_wait,
      run_remove);
  table.verb<KillOptions>(
      "marathon pod kill",
      {.summary = "Kill instances of a pod",
       .description = "Kill the named instances (full ids or unique prefixes); Marathon replaces "
                      "them.\nPrints \"Killed N instances of pod <pod-id>\" (-v adds their ids).",
       .arguments = "<pod-id> <instance-id>...",
       .needs = Needs::cluster},
      [](Flags& app, KillOptions& options) {
        app.add_option("pod-id", options.pod_id, "The pod's id")->required();
        app.add_option("instance-ids", options.instances, "Instances to kill");
        add_change_json_flag(app, options.json);
      },
      run_kill);
}

}  // namespace dcos
