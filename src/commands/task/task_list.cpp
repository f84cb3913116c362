// `dcos task list`: the running tasks (or the completed ones, or both) whose id contains a word
// or matches a glob, with the agent's host and fault domain and the framework's user.
// The master's state is read as it arrives and each task goes straight to the output form
// (commands/task/task_list_sinks.hpp), so memory follows what is printed, not the cluster.
#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "client/mesos.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_list_sinks.hpp"
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

/// The sink for the form the flags ask for.
std::unique_ptr<TaskSink> sink_for(ListMode mode, Context& context) {
  switch (mode) {
    case ListMode::ids:
      return task_id_sink(context.out);
    case ListMode::json:
      return task_json_sink(context.out);
    case ListMode::table:
      break;
  }
  return task_table_sink(context.out, context.table_width());
}

Status run_list(const ListOptions& options, Context& context) {
  auto scope = TaskScope::from_flags(options.all, options.completed);
  if (!scope) return scope.error();
  scope->agent_id = options.agent_id;
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  const ListMode mode = list_mode(options.list);
  // Only what the form prints is read: the agents for the table's host and domain, the task
  // records for --json; completed tasks only when asked for.
  StateQuery query = task_query(options.filter, *scope);
  query.agents = mode == ListMode::table;
  query.task_records = mode == ListMode::json;
  auto sink = sink_for(mode, context);
  size_t found = 0;
  bool saw_running = false;  ///< of the framework being read
  StateVisitor visitor;
  visitor.task = [&](MesosTask&& task, bool completed) {
    ++found;
    if (!completed) saw_running = true;
    // A completed task listed before its framework's running tasks waits for them.
    if (completed && scope->running && !saw_running) return sink->hold(task);
    return sink->emit(task);
  };
  visitor.framework = [&](MesosFramework&& framework, bool) {
    saw_running = false;
    return sink->release(framework);
  };
  visitor.agent = [&](MesosAgent&& agent) {
    sink->agent(std::move(agent));
    return Status::success();
  };
  if (Status status = MesosClient(std::move(http).value()).read_state(query, visitor); !status.ok())
    return status;
  // With --json an empty match is an empty list, not an error (as the real CLI does).
  if (found == 0 && mode != ListMode::json &&
      (!options.filter.empty() || !options.agent_id.empty()))
    return no_task_found(options.filter, options.agent_id);
  return sink->finish();
}

void bind_list_flags(Flags& flags, ListOptions& options) {
  flags.add_option("filter", options.filter, "A part of the task id, or a glob");
  add_scope_flags(flags, options.all, options.completed);
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
          context.out << render_help(table, *table.find({"task"}), help_width(context));
          return Status::success();
        }
        context.err << "Getting the list of tasks from `dcos task` is deprecated. Please use "
                       "`dcos task list`.\n";
        return run_list(options, context);
      });
}

}  // namespace dcos
