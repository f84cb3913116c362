// `dcos task exec` and `dcos task attach`: run a command inside a running task's container,
// or attach to the output (and input) of the task's own process, through the agent that runs
// it. dcos exits with the remote command's exit status.
#include "cli/command_table.hpp"
#include "client/mesos.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_session.hpp"
#include "commands/task/task_verbs.hpp"

namespace dcos {
namespace {

struct ExecOptions {
  bool interactive = false;
  bool tty = false;
  std::string user;
  std::string task;
  std::vector<std::string> command;
};

struct AttachOptions {
  bool no_stdin = false;
  std::string task;
};

/// The running task `pattern` names: its agent and its container.
struct TaskContainer {
  std::string agent_id;
  ContainerId container;
};

Result<TaskContainer> running_task(const std::string& pattern, Context& context) {
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  auto state = MesosClient(std::move(http).value()).state();
  if (!state) return state.error();
  auto found = find_one_task(*state, pattern, TaskScope{});
  if (!found) return found.error();
  const MesosTask& task = *found->task;
  if (task.container_id.empty())
    return Error::make(ErrorKind::generic, "task '" + task.id +
                                               "' has no container yet: the master's state "
                                               "names none (is the task still starting?)");
  TaskContainer result{task.agent_id, ContainerId{task.container_id, {}}};
  if (!task.parent_container_id.empty())
    result.container.ancestors.push_back(task.parent_container_id);
  return result;
}

Result<std::string> escape_keys(Context& context) {
  return escape_sequence(context.env ? context.env("DCOS_TASK_ESCAPE_SEQUENCE") : std::nullopt);
}

Status run_exec(const ExecOptions& options, Context& context) {
  if (options.tty && !context.terminal.stdin_tty)
    return Error::make(ErrorKind::usage, "-t/--tty needs a terminal, and stdin is not one",
                       "leave out -t when stdin is a pipe or a file (add -i to send it)");
  auto escape = escape_keys(context);
  if (!escape) return escape.error();
  auto task = running_task(options.task, context);
  if (!task) return task.error();
  SessionPlan plan;
  plan.agent_id = task->agent_id;
  plan.container = task->container.child(new_container_id());
  plan.launch = NestedCommand{options.command, options.user, options.tty};
  plan.input = options.interactive;
  plan.raw_terminal = options.tty;
  plan.escape = *escape;
  return run_session(plan, context);
}

Status run_attach(const AttachOptions& options, Context& context) {
  auto escape = escape_keys(context);
  if (!escape) return escape.error();
  auto task = running_task(options.task, context);
  if (!task) return task.error();
  SessionPlan plan;
  plan.agent_id = task->agent_id;
  plan.container = task->container;
  plan.input = !options.no_stdin;
  plan.raw_terminal = plan.input && context.terminal.stdin_tty;
  plan.escape = *escape;
  // Only a nested container (a pod's task) can be waited for; the exit of an executor's own
  // container is the task's status, not something this session reports.
  plan.wait_for_exit = plan.container.nested();
  return run_session(plan, context);
}

}  // namespace

void register_task_exec(CommandTable& table) {
  table.verb<ExecOptions>(
      "task exec",
      {.summary = "Run a command inside a running task's container",
       .description =
           "Run <command> with <args> inside the container of the running task <task> (an id,\n"
           "a unique prefix, a glob or a unique part of one), in a new container nested in\n"
           "the task's, with the task's sandbox and environment. Its output streams to stdout\n"
           "and stderr as it comes, and dcos exits with the command's exit status (128 + the\n"
           "signal when a signal ended it). Flags go before <task>: every word after <task>\n"
           "belongs to the command, even one that starts with '-'. The command runs without a\n"
           "shell; use sh -c '...' for one.\n"
           "\n"
           "-i sends stdin to the command (its end closes the command's stdin). -t gives the\n"
           "command a terminal and puts yours in raw mode; it needs stdin to be a terminal.\n"
           "In a -t session the keys in DCOS_TASK_ESCAPE_SEQUENCE (default ctrl-p,ctrl-q)\n"
           "detach, which ends the command. Ctrl-C stops a session without -t (exit 130).",
       .arguments = "<task> <command> [<args>...]",
       .examples = "    dcos task exec web sh -c 'echo $MESOS_SANDBOX'\n"
                   "    echo hello | dcos task exec -i web cat\n"
                   "    dcos task exec -it web bash\n",
       .needs = Needs::cluster},
      [](Flags& flags, ExecOptions& options) {
        flags.flags_before_positionals();
        flags.add_flag("-i,--interactive", options.interactive, "Send stdin to the command");
        flags.add_flag("-t,--tty", options.tty,
                       "Give the command a terminal (stdin must be a terminal)");
        flags.add_option("-u,--user", options.user, "Run the command as this user")
            ->type_name("<user>");
        flags.add_option("task", options.task, "The task")->required();
        flags.add_option("command", options.command, "The command and its arguments")->required();
      },
      run_exec);
  table.verb<AttachOptions>(
      "task attach",
      {.summary = "Attach to the output and input of a running task",
       .description =
           "Stream the output of the running task <task> to stdout and stderr, and send stdin\n"
           "to it unless --no-stdin is given. Only a task launched with a TTY can be attached\n"
           "to; others fail with the agent's reason. On a terminal, the keys in\n"
           "DCOS_TASK_ESCAPE_SEQUENCE (default ctrl-p,ctrl-q) detach and leave the task running.",
       .arguments = "<task>",
       .examples = "    dcos task attach web\n    dcos task attach --no-stdin web\n",
       .needs = Needs::cluster},
      [](Flags& flags, AttachOptions& options) {
        flags.add_flag("--no-stdin", options.no_stdin, "Only show the output; send no input");
        flags.add_option("task", options.task, "The task")->required();
      },
      run_attach);
}

}  // namespace dcos
