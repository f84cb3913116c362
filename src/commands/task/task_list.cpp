// `dcos task list`: the running tasks (or the completed ones, or both) whose id contains a word
// or matches a glob, with the agent's host and fault domain and the framework's user.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/mesos.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_verbs.hpp"

namespace dcos {
namespace {

struct ListOptions {
  std::string filter;
  bool all = false;
  bool completed = false;
  std::string agent_id;
  ListFlags list;
};

Status print_table(const MesosState& state, const std::vector<FoundTask>& found, Context& context) {
  Table table({"NAME", "HOST", "USER", "STATE", "ID", "AGENT ID", "REGION", "ZONE"});
  for (size_t column = 0; column < 8; ++column) table.set_align(column, Align::left);
  for (const auto& [task, framework] : found) {
    const MesosAgent* agent = state.agent(task->agent_id);
    // An agent the master no longer lists has no host or domain to show; a known agent
    // without a fault domain shows N/A.
    auto domain = [agent](const std::string& name) {
      if (agent == nullptr) return std::string();
      return name.empty() ? std::string("N/A") : name;
    };
    table.add_row({task->name, agent ? agent->hostname : "", framework->user, task->state, task->id,
                   task->agent_id, domain(agent ? agent->region : ""),
                   domain(agent ? agent->zone : "")});
  }
  table.print(context.out, context.table_width());
  return Status::success();
}

Status run_list(const ListOptions& options, Context& context) {
  auto scope = TaskScope::from_flags(options.all, options.completed);
  if (!scope) return scope.error();
  scope->agent_id = options.agent_id;
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  auto state = MesosClient(std::move(http).value()).state();
  if (!state) return state.error();
  const auto found = find_tasks(*state, options.filter, *scope);
  ListRenderings renderings;
  renderings.json = [&found]() -> Result<nlohmann::json> {
    // With --json an empty match is an empty list, not an error (as the real CLI does).
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : found) list.push_back(item.task->raw);
    return list;
  };
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    if (found.empty() && (!options.filter.empty() || !options.agent_id.empty()))
      return no_task_found(options.filter, options.agent_id);
    std::vector<std::string> ids;
    for (const auto& item : found) ids.push_back(item.task->id);
    return ids;
  };
  renderings.table = [&]() -> Status {
    if (found.empty() && (!options.filter.empty() || !options.agent_id.empty()))
      return no_task_found(options.filter, options.agent_id);
    return print_table(*state, found, context);
  };
  return print_list(context.out, options.list, renderings);
}

void bind_list_flags(Flags& flags, ListOptions& options) {
  flags.add_option("filter", options.filter, "A part of the task id, or a glob");
  flags.add_flag("--all", options.all, "Running and completed tasks");
  flags.add_flag("--completed", options.completed, "Only the tasks that ended");
  flags.add_option("--agent-id", options.agent_id, "Only the tasks of this agent")
      ->type_name("<agent-id>");
  add_list_flags(flags, options.list,
                 {.json = "Print JSON (Mesos's task records)", .quiet = "Print only the task ids"});
}

}  // namespace

void register_task_list(CommandTable& table) {
  table.verb<ListOptions>(
      "task list",
      {.summary = "List the tasks Mesos runs",
       .description =
           "List the running tasks whose id contains <filter> or matches it as a glob (*, ?,\n"
           "[...]), with the agent's host and fault domain. --completed lists the tasks that\n"
           "ended instead, --all both. A filter that matches nothing is an error, except with\n"
           "--json, which prints [].",
       .arguments = "[<filter>]",
       .examples = "    dcos task list\n    dcos task list 'web*' --all\n"
                   "    dcos task list --agent-id 2e4a-S1 --json\n",
       .needs = Needs::cluster},
      bind_list_flags, run_list);
  // The old spelling `dcos task [<filter>]` still lists, with a notice (as the real CLI does).
  table.group_default<ListOptions>(
      "task", bind_list_flags, [&table](const ListOptions& options, Context& context) {
        if (context.env && context.env("DCOS_CLI_STRICT_DEPRECATIONS")) {
          context.out << render_help(table, *table.find({"task"}));
          return Status::success();
        }
        context.err << "Getting the list of tasks from `dcos task` is deprecated. Please use "
                       "`dcos task list`.\n";
        return run_list(options, context);
      });
}

}  // namespace dcos
