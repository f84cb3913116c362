// `dcos marathon task list|show|stop|kill`: the tasks Marathon launched for its apps. Task ids
// are long; every verb takes a unique prefix too (client/resolve.hpp).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "client/resolve.hpp"
#include "client/strings.hpp"
#include "commands/marathon_common.hpp"
#include "commands/marathon_wait.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct ListOptions {
  std::string app_id;
  ListFlags list;
};

struct ShowOptions {
  std::string task_id;
  bool yaml = false;
};

struct StopOptions {
  std::string task_id;
  bool wipe = false;
};

struct KillOptions {
  std::vector<std::string> task_ids;
  bool scale = false;
  bool wipe = false;
  bool json = false;
  std::string wait;
};

/// The full ids of `wanted` (ids or unique prefixes) among the tasks Marathon knows.
Result<std::vector<std::string>> resolve_tasks(MarathonClient& marathon,
                                               const std::vector<std::string>& wanted) {
  auto tasks = marathon.list_tasks();
  if (!tasks) return tasks.take_error();
  std::vector<std::string> known;
  known.reserve(tasks->size());
  for (const auto& task : *tasks) known.push_back(task.id);
  std::vector<std::string> ids;
  for (const auto& id : wanted) {
    auto resolved = resolve_id(id, known, "task");
    if (!resolved) return resolved.take_error();
    ids.push_back(*resolved);
  }
  return ids;
}

Status run_list(const ListOptions& options, Context& context) {
  std::string filter;
  if (!options.app_id.empty()) {
    auto id = validate_app_id(options.app_id);
    if (!id) return id.error();
    filter = *id;
  }
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  // A missing app is not found (exit 3), not an empty list.
  if (!filter.empty())
    if (auto app = marathon->get_app(filter); !app) return app.error();
  auto tasks = marathon->list_tasks();
  if (!tasks) return tasks.error();
  std::vector<MarathonTask> chosen;
  for (auto& task : *tasks)
    if (filter.empty() || task.app_id == filter) chosen.push_back(std::move(task));
  ListRenderings renderings;
  renderings.json = [&]() -> Result<json> {
    json list = json::array();
    for (const auto& task : chosen) list.push_back(task.raw);
    return list;
  };
  auto sort_by_app = [&] {
    std::stable_sort(
        chosen.begin(), chosen.end(),
        [](const MarathonTask& a, const MarathonTask& b) { return a.app_id < b.app_id; });
  };
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    sort_by_app();
    std::vector<std::string> ids;
    for (const auto& task : chosen) ids.push_back(task.id);
    return ids;
  };
  renderings.table = [&]() -> Status {
    sort_by_app();
    Table table({"APP", "HEALTHY", "STARTED", "HOST", "ID", "ROLE"});
    table.set_align(0, Align::left);
    table.set_align(4, Align::left);
    for (const auto& task : chosen)
      table.add_row({task.app_id, task.healthy ? "true" : "false",
                     task.started_at.empty() ? "N/A" : task.started_at, task.host, task.id,
                     task.role});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_show(const ShowOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto tasks = marathon->list_tasks();
  if (!tasks) return tasks.error();
  std::vector<std::string> known;
  for (const auto& task : *tasks) known.push_back(task.id);
  auto id = resolve_id(options.task_id, known, "task");
  if (!id) return id.error();
  for (const auto& task : *tasks)
    if (task.id == *id) print_document(context, task.raw, options.yaml);
  return Status::success();
}

Status run_stop(const StopOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto ids = resolve_tasks(*marathon, {options.task_id});
  if (!ids) return ids.error();
  auto killed = marathon->kill_tasks(*ids, {.wipe = options.wipe});
  if (!killed) return killed.error();
  for (const auto& task : killed->tasks)
    if (task.id == ids->front()) {
      write_json(context.out, task.raw);
      return Status::success();
    }
  return Error::make(ErrorKind::not_found, "task '" + ids->front() + "' does not exist");
}

Status run_kill(const KillOptions& options, Context& context) {
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  if (*limit && !options.scale)
    return Error::make(ErrorKind::usage,
                       "--wait needs --scale: killed tasks are replaced without a deployment");
  if (options.scale && options.wipe)
    return Error::make(ErrorKind::usage, "--scale and --wipe cannot be used together");
  if (options.task_ids.empty())
    return Error::make(ErrorKind::usage, "name at least one task to kill",
                       "see the task ids with 'dcos marathon task list'");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto ids = resolve_tasks(*marathon, options.task_ids);
  if (!ids) return ids.error();
  auto killed = marathon->kill_tasks(*ids, {.scale = options.scale, .wipe = options.wipe});
  if (!killed) return killed.error();
  if (options.scale) {
    DeploymentResult result{killed->deployment_id, killed->raw};
    return finish_change(context, *marathon, result, *limit, {}, announce_for(options.json));
  }
  if (killed->tasks.empty())
    return Error::make(ErrorKind::not_found, "no task was killed; are the task ids right?");
  json tasks = json::array();
  std::vector<std::string> names;
  std::vector<std::string> apps;
  for (const auto& task : killed->tasks) {
    tasks.push_back(task.raw);
    names.push_back(task.id);
    if (std::find(apps.begin(), apps.end(), task.app_id) == apps.end()) apps.push_back(task.app_id);
  }
  if (options.json) {
    write_json(context.out, tasks);
    return Status::success();
  }
  confirm_killed(context, "task", names, join(apps, ", "));
  return Status::success();
}

}  // namespace

void register_marathon_task_commands(CommandTable& table) {
  table.group("marathon task",
              {.summary = "Manage Marathon tasks",
               .description = "List, inspect and kill the tasks of Marathon apps."});
  table.verb<ListOptions>(
      "marathon task list",
      {.summary = "List the tasks",
       .description = "List Marathon's tasks, or those of one app (a missing app is an error, "
                      "exit 3).",
       .arguments = "[<app-id>]",
       .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        app.add_option("app-id", options.app_id, "Only the tasks of this app");
        add_list_flags(
            app, options.list,
            {.json = "Print JSON (Marathon's task objects)", .quiet = "Print only the task ids"});
      },
      run_list);
  table.verb<ShowOptions>(
      "marathon task show",
      {.summary = "Show a task",
       .description = "Print the task as Marathon describes it; a unique prefix of its id is "
                      "enough.",
       .arguments = "<task-id>",
       .needs = Needs::cluster},
      [](Flags& app, ShowOptions& options) {
        app.add_option("task-id", options.task_id, "The task's id, or a unique prefix")->required();
        add_document_flags(app, options.yaml);
      },
      run_show);
  table.verb<StopOptions>(
      "marathon task stop",
      {.summary = "Stop a task",
       .description = "Kill the task and print it; Marathon starts a replacement.",
       .arguments = "<task-id>",
       .needs = Needs::cluster},
      [](Flags& app, StopOptions& options) {
        app.add_option("task-id", options.task_id, "The task's id, or a unique prefix")->required();
        app.add_flag("--wipe", options.wipe, "Also drop the task's reservation and volumes");
      },
      run_stop);
  table.verb<KillOptions>(
      "marathon task kill",
      {.summary = "Kill tasks",
       .description = "Kill the tasks; Marathon replaces them unless --scale lowers their apps' "
                      "instances.\nPrints \"Killed N tasks of <app-id>\" (-v adds their ids), or "
                      "with --scale the\ndeployment started.",
       .arguments = "<task-id>...",
       .needs = Needs::cluster},
      [](Flags& app, KillOptions& options) {
        app.add_option("task-ids", options.task_ids, "Task ids, or unique prefixes");
        app.add_flag("--scale", options.scale, "Lower the apps' instances by the tasks killed");
        app.add_flag("--wipe", options.wipe, "Also drop the tasks' reservations and volumes");
        app.add_flag("--json", options.json,
                     "Print the killed tasks (with --scale, Marathon's answer) as JSON");
        add_wait_flag(app, options.wait);
      },
      run_kill);
}

}  // namespace dcos
