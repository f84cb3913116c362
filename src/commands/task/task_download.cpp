// `dcos task download`: copies files, folders or the whole sandbox of one task (running or
// ended) into a folder on this machine.
#include <filesystem>

#include "cli/command_table.hpp"
#include "client/agent_files.hpp"
#include "client/mesos.hpp"
#include "commands/task/sandbox_download.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_verbs.hpp"

namespace dcos {
namespace {

struct DownloadOptions {
  std::string task;
  std::string pattern = "/";
  std::string target_dir;
};

Status run_download(const DownloadOptions& options, Context& context) {
  std::filesystem::path target = options.target_dir;
  if (target.empty()) {
    std::error_code error;
    target = std::filesystem::current_path(error);
    if (error)
      return Error::make(ErrorKind::generic, "cannot read the current folder: " + error.message());
  }
  auto mesos = context.client(Service::mesos);
  if (!mesos) return mesos.error();
  const TaskScope scope{.running = true, .completed = true};
  auto state = MesosClient(std::move(mesos).value()).state(task_query(options.task, scope));
  if (!state) return state.error();
  auto found = find_one_task(*state, options.task, scope);
  if (!found) return found.error();
  auto http = context.client(Service::admin_router);
  if (!http) return http.error();
  AgentFiles files(std::move(http).value());
  auto sandbox = files.sandbox(*found->task);
  if (!sandbox) return sandbox.error();
  SandboxDownload download(files, found->task->agent_id, context);
  return download.run(plan_download(*sandbox, options.pattern), options.pattern, target);
}

}  // namespace

void register_task_download(CommandTable& table) {
  table.verb<DownloadOptions>(
      "task download",
      {.summary = "Download files from the sandbox of a task",
       .description =
           "Copy files from the sandbox of one task, running or ended, into --target-dir (the\n"
           "current folder by default; created when missing). <task> is the task's id, a unique\n"
           "prefix, glob or part of it. Without <path> the whole sandbox is copied. Otherwise\n"
           "the last part of <path> is a glob (*, ?, [...]) over the names in the folder the\n"
           "rest of it names: 'logs/*.txt'. A matched folder is copied with everything in it;\n"
           "a <path> ending in '/' copies the folder's contents instead, as rsync does. Files\n"
           "already there are replaced; each appears under its name only once it is complete.\n"
           "Nothing is printed on stdout. At a terminal, stderr shows each file's progress and\n"
           "a summary. A file that fails is reported and the rest are still copied (exit 1).",
       .arguments = "<task> [<path>]",
       .examples = "    dcos task download web.1a2b\n"
                   "    dcos task download web.1a2b 'std*' --target-dir /tmp/web\n"
                   "    dcos task download web.1a2b logs/\n",
       .needs = Needs::cluster},
      [](Flags& flags, DownloadOptions& options) {
        flags.add_option("task", options.task, "The task's id, or a unique part of it")->required();
        flags.add_option("path", options.pattern,
                         "A file, folder or glob in the sandbox (default: / for all of it)");
        flags.add_option("--target-dir", options.target_dir, "Where to put the files (default: .)")
            ->type_name("<dir>");
      },
      run_download);
}

}  // namespace dcos
