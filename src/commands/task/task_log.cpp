// `dcos task log <task> [<file>]`: the last lines of a task's stdout (or another sandbox
// file), through the DC/OS log API or, on clusters without it, the agent's files API. With
// --follow it streams new lines as they come, reconnects after a dropped connection without
// losing or repeating a line, and ends when the task does, with its final state.
#include <mutex>
#include <thread>

#include "cli/command_table.hpp"
#include "cli/output.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_verbs.hpp"
#include "commands/task_log_reader.hpp"

namespace dcos {
namespace {

struct LogOptions {
  std::string task;
  std::string file = "stdout";
  bool follow = false;
  long long lines = 10;
  bool all = false;
  bool completed = false;
  std::string output;
};

Status print_tails(const std::vector<FoundTask>& found, const LogOptions& options,
                   HttpClient admin_router, Context& context) {
  bool all_ok = true;
  Error last = Error::silent();
  for (const auto& item : found) {
    if (found.size() > 1) context.out << "===> " << item.task->id << " <===\n";
    TaskLogReader reader(admin_router, *item.task, options.file);
    auto text = reader.tail(options.lines);
    if (!text) {
      all_ok = false;
      last = text.error();
      if (found.size() > 1) context.err << "Error: " << text.error().message << "\n";
      continue;
    }
    context.out << *text;
    context.out.flush();
  }
  if (all_ok) return Status::success();
  // One task: its own error (the real CLI printed it and still exited 0). Several: each was
  // reported as it happened; the command fails as a whole.
  if (found.size() == 1) return last;
  return Error::make(ErrorKind::generic, "could not log all matched tasks");
}

/// Several tasks: one stream each, lines printed as they come, with a header whenever the
/// task changes. Ends on Ctrl-C or when every task has ended.
Status follow_many(const std::vector<FoundTask>& found, const LogOptions& options,
                   Context& context) {
  std::mutex lock;
  std::string last_header;
  std::atomic<size_t> running{found.size()};
  std::vector<Status> results(found.size(), Status::success());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < found.size(); ++i) {
    threads.emplace_back([&, i] {
      const MesosTask task = *found[i].task;
      std::unique_ptr<Transport> logs_transport, poll_transport;
      auto logs = own_client(context, Service::admin_router, logs_transport);
      auto poller = own_client(context, Service::mesos, poll_transport);
      if (!logs || !poller) {
        results[i] = !logs ? logs.error() : poller.error();
        --running;
        return;
      }
      MesosClient master(std::move(poller).value());
      std::string final_state = terminal_task_state(task.state) ? task.state : "";
      auto last_poll = std::chrono::steady_clock::now();
      TaskLogReader reader(std::move(logs).value(), task, options.file);
      LogFollow follow;
      follow.on_entry = [&](const LogEntry& entry) {
        std::lock_guard guard(lock);
        if (last_header != task.id) context.out << "===> " << task.id << " <===\n";
        last_header = task.id;
        context.out << entry.message << '\n' << std::flush;
        return true;
      };
      follow.keep_going = [&] {
        if (context.interrupted != nullptr && context.interrupted->load()) return false;
        if (!final_state.empty()) return false;
        if (std::chrono::steady_clock::now() - last_poll < kTaskStatePoll) return true;
        last_poll = std::chrono::steady_clock::now();
        auto state = master.task_state(task.id);
        if (state && terminal_task_state(*state)) final_state = *state;
        return final_state.empty();
      };
      follow.on_reconnect = [&](const Error& why) {
        context.info("the log stream of " + task.id + " broke (" + why.message + ")");
      };
      follow.sleep = context.sleep;
      results[i] = reader.follow(options.lines, follow);
      if (results[i].ok() && !final_state.empty())
        context.info("task " + task.id + " ended: " + final_state);
      --running;
    });
  }
  for (auto& thread : threads) thread.join();
  if (context.interrupted != nullptr && context.interrupted->load())
    return Error::make(ErrorKind::cancelled, "interrupted");
  for (const auto& result : results)
    if (!result.ok()) return Error::make(ErrorKind::generic, "could not follow all matched tasks");
  return Status::success();
}

Status run_log(const LogOptions& given, Context& context) {
  LogOptions options = given;
  if (options.lines < 0) options.lines = -options.lines;
  if (!options.output.empty() && options.output != "short")
    context.info("task logs are printed as they are written; --output is ignored");
  auto scope = TaskScope::from_flags(options.all, options.completed);
  if (!scope) return scope.error();
  auto mesos = context.client(Service::mesos);
  if (!mesos) return mesos.error();
  auto state = MesosClient(std::move(mesos).value()).state(task_query(options.task, *scope));
  if (!state) return state.error();
  auto found = find_some_tasks(*state, options.task, *scope);
  if (!found) return found.error();
  if (!options.follow) {
    auto admin_router = context.client(Service::admin_router);
    if (!admin_router) return admin_router.error();
    return print_tails(*found, options, std::move(admin_router).value(), context);
  }
  if (found->size() == 1) {
    auto admin_router = context.client(Service::admin_router);
    if (!admin_router) return admin_router.error();
    return follow_task_log(*found->front().task, options.file, options.lines,
                           std::move(admin_router).value(), context);
  }
  return follow_many(*found, options, context);
}

}  // namespace

void register_task_log(CommandTable& table) {
  table.verb<LogOptions>(
      "task log",
      {.summary = "Print the logs of tasks",
       .description =
           "Print the last lines of <file> (stdout unless named) of every task whose id\n"
           "contains <task> or matches it as a glob, with a header per task when there are\n"
           "several. --follow keeps printing new lines as the tasks write them; it survives\n"
           "dropped connections and ends when the tasks end: exit 0 when a single followed\n"
           "task finished, 1 when it failed, was killed or was lost. The logs of tasks that\n"
           "ended are there with --completed (or --all), stderr included.",
       .arguments = "<task> [<file>]",
       .examples = "    dcos task log web\n    dcos task log --follow web.7f1c stderr\n"
                   "    dcos task log --completed --lines 50 web stderr\n",
       .needs = Needs::cluster},
      [](Flags& flags, LogOptions& options) {
        flags.add_option("task", options.task, "A part of the task id, or a glob")->required();
        flags.add_option("file", options.file, "The sandbox file to print (default stdout)");
        flags.add_flag("--follow", options.follow, "Keep printing new lines until the task ends");
        flags.add_option("--lines", options.lines, "How many of the last lines (default 10)")
            ->type_name("<n>");
        add_scope_flags(flags, options.all, options.completed);
        flags.add_option("-o,--output", options.output, "Accepted for compatibility; ignored")
            ->type_name("<format>")
            ->hidden();
      },
      run_log);
}

}  // namespace dcos
