// `dcos marathon deployment list|rollback|stop|watch`: the changes Marathon is carrying out.
// `watch` shows the progress --wait shows and ends with the deployment's outcome.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
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

struct RollbackOptions {
  std::string id;
  std::string wait;
  bool json = false;
};

struct StopOptions {
  std::string id;
};

struct WatchOptions {
  std::string id;
  long long max_count = 0;
  double interval = 1.0;
};

std::string joined_or_dash(const std::vector<std::string>& ids) {
  return ids.empty() ? "-" : join(ids, "\n");
}

/// One line per current action; `<action> <path>` when the deployment touches several things.
std::string action_cell(const MarathonDeployment& deployment) {
  size_t touched = deployment.affected_apps.size() + deployment.affected_pods.size();
  std::vector<std::string> lines;
  for (const auto& action : deployment.current_actions) {
    std::string word = action_word(action.action);
    if (word.empty()) word = action.action;
    const std::string& path = action.app.empty() ? action.pod : action.app;
    if (path.empty()) {
      lines.push_back("N/A");
    } else {
      lines.push_back(touched > 1 ? word + " " + path : word);
    }
  }
  return lines.empty() ? "-" : join(lines, "\n");
}

/// Succeeds when `id` names an app or a pod; else `no app or pod '/x' exists` (not_found), so
/// that a list filtered by a missing one is not mistaken for an empty list.
Status require_app_or_pod(MarathonClient& marathon, const std::string& id) {
  auto app = marathon.get_app(id);
  if (app || app.error().kind != ErrorKind::not_found) return app ? Status::success() : app.error();
  auto pod = marathon.pod_status(id);
  if (pod || pod.error().kind != ErrorKind::not_found) return pod ? Status::success() : pod.error();
  return Error::make(ErrorKind::not_found, "no app or pod '" + id + "' exists");
}

Status run_list(const ListOptions& options, Context& context) {
  std::string filter;
  if (!options.app_id.empty()) {
    auto id = validate_id(options.app_id, IdKind::app);
    if (!id) return id.error();
    filter = *id;
  }
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  if (!filter.empty())
    if (Status known = require_app_or_pod(*marathon, filter); !known) return known;
  auto deployments = marathon->list_deployments();
  if (!deployments) return deployments.error();
  std::vector<MarathonDeployment> chosen;
  for (auto& deployment : *deployments) {
    const auto& apps = deployment.affected_apps;
    const auto& pods = deployment.affected_pods;
    if (filter.empty() || std::find(apps.begin(), apps.end(), filter) != apps.end() ||
        std::find(pods.begin(), pods.end(), filter) != pods.end())
      chosen.push_back(std::move(deployment));
  }
  ListRenderings renderings;
  renderings.json = [&]() -> Result<json> {
    json list = json::array();
    for (const auto& deployment : chosen) list.push_back(deployment.raw);
    return list;
  };
  // The table and -q report an empty list, as the real CLI does, with exit status 1.
  auto sorted = [&]() -> Status {
    if (chosen.empty())
      return Error::make(ErrorKind::generic, "there are no deployments" +
                                                 (filter.empty() ? "" : " for '" + filter + "'"));
    std::stable_sort(chosen.begin(), chosen.end(),
                     [](const MarathonDeployment& a, const MarathonDeployment& b) {
                       return joined_or_dash(a.affected_apps) < joined_or_dash(b.affected_apps);
                     });
    return Status::success();
  };
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    if (Status ready = sorted(); !ready) return ready.error();
    std::vector<std::string> ids;
    for (const auto& deployment : chosen) ids.push_back(deployment.id);
    return ids;
  };
  renderings.table = [&]() -> Status {
    if (Status ready = sorted(); !ready) return ready;
    Table table({"APP", "POD", "ACTION", "PROGRESS", "ID"});
    table.set_align(0, Align::left);
    table.set_align(1, Align::left);
    table.set_align(2, Align::left);
    table.set_align(4, Align::left);
    for (const auto& deployment : chosen)
      table.add_row({joined_or_dash(deployment.affected_apps),
                     joined_or_dash(deployment.affected_pods), action_cell(deployment),
                     std::to_string(std::max(0LL, deployment.current_step - 1)) + "/" +
                         std::to_string(deployment.total_steps),
                     deployment.id});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_rollback(const RollbackOptions& options, Context& context) {
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->cancel_deployment(options.id, CancelMode::roll_back);
  if (!result) return result.error();
  confirm_change(context, options.json,
                 "Created deployment " + result->id + " to roll back " + options.id,
                 result->document());
  return finish_change(context, *marathon, *result, *limit, {}, Announce::no);
}

Status run_stop(const StopOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->cancel_deployment(options.id, CancelMode::stop);
  if (!result) return result.error();
  context.out << "Stopped deployment " << options.id << "\n";
  return Status::success();
}

Status run_watch(const WatchOptions& options, Context& context) {
  if (options.max_count < 0)
    return Error::make(ErrorKind::usage, "--max-count must be a positive number");
  if (options.interval <= 0)
    return Error::make(ErrorKind::usage, "--interval must be a positive number of seconds");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto deployments = marathon->list_deployments();
  if (!deployments) return deployments.error();
  if (std::none_of(deployments->begin(), deployments->end(),
                   [&](const MarathonDeployment& d) { return d.id == options.id; }))
    return Error::make(ErrorKind::not_found,
                       "deployment '" + options.id + "' is not running (finished, or never was)");
  WaitSettings settings;
  settings.interval = std::chrono::milliseconds(static_cast<long long>(options.interval * 1000));
  if (options.max_count > 0) settings.max_polls = options.max_count;
  settings.always_show = true;
  return wait_for_deployment(context, *marathon, options.id, settings);
}

}  // namespace

void register_marathon_deployment_commands(CommandTable& table) {
  table.group("marathon deployment",
              {.summary = "Manage Marathon deployments",
               .description = "List, follow, roll back and stop the changes Marathon is making."});
  table.verb<ListOptions>(
      "marathon deployment list",
      {.summary = "List the running deployments",
       .description = "List the deployments in progress, or those touching one app or pod.\n"
                      "With none, the table form says so and exits 1; --json prints [].",
       .arguments = "[<app-id>]",
       .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        app.add_option("app-id", options.app_id, "Only deployments touching this app or pod");
        add_list_flags(app, options.list,
                       {.json = "Print JSON (Marathon's deployment objects)",
                        .quiet = "Print only the deployment ids"});
      },
      run_list);
  table.verb<RollbackOptions>(
      "marathon deployment rollback",
      {.summary = "Cancel a deployment and undo what it did",
       .description = "Cancel the deployment; Marathon starts a new one that restores the "
                      "previous state.\nPrints \"Created deployment <new-id> to roll back <id>\"; "
                      "--json prints Marathon's answer.",
       .arguments = "<deployment-id>",
       .needs = Needs::cluster},
      [](Flags& app, RollbackOptions& options) {
        app.add_option("deployment-id", options.id, "The deployment's id")->required();
        add_wait_flag(app, options.wait);
        add_change_json_flag(app, options.json);
      },
      run_rollback);
  table.verb<StopOptions>(
      "marathon deployment stop",
      {.summary = "Cancel a deployment, leaving things as they are",
       .description = "Cancel the deployment without rolling back: what it changed so far "
                      "stays.\nPrints \"Stopped deployment <id>\" (Marathon answers no JSON).",
       .arguments = "<deployment-id>",
       .needs = Needs::cluster},
      [](Flags& app, StopOptions& options) {
        app.add_option("deployment-id", options.id, "The deployment's id")->required();
      },
      run_stop);
  table.verb<WatchOptions>(
      "marathon deployment watch",
      {.summary = "Follow a deployment until it ends",
       .description = "Show the deployment's progress on stderr until it is gone; exit 0 when "
                      "its apps run,\n1 when it failed or was replaced, 5 after --max-count polls.",
       .arguments = "<deployment-id>",
       .needs = Needs::cluster},
      [](Flags& app, WatchOptions& options) {
        app.add_option("deployment-id", options.id, "The deployment's id")->required();
        app.add_option("--max-count", options.max_count, "Give up after this many polls");
        app.add_option("--interval", options.interval, "Seconds between polls (default 1)");
      },
      run_watch);
}

}  // namespace dcos
