// `dcos task ls`: the files in the sandbox of every task whose id contains a word or matches a
// glob, as names on one line or, with --long, as a table like `ls -l`.
#include <time.h>

#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/agent_files.hpp"
#include "client/mesos.hpp"
#include "client/strings.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_verbs.hpp"

namespace dcos {
namespace {

struct LsOptions {
  std::string task;
  std::string path = ".";
  bool long_form = false;
  bool all = false;
  bool completed = false;
  ListFlags list;
};

/// `seconds` as Go's time.RFC822 in the local zone: "02 Jan 06 15:04 MST".
std::string rfc822(int64_t seconds) {
  const time_t when = static_cast<time_t>(seconds);
  struct tm local {};
  if (::localtime_r(&when, &local) == nullptr) return "";
  char text[64];
  size_t length = ::strftime(text, sizeof text, "%d %b %y %H:%M %Z", &local);
  return std::string(text, length);
}

void print_long(const std::vector<FileEntry>& entries, Context& context) {
  Table table({"MODE",
               {"LINKS", ColumnKind::optional, 1},
               {"UID", ColumnKind::optional, 3},
               {"GID", ColumnKind::optional, 2},
               "SIZE",
               "DATE",
               {"NAME", ColumnKind::identifier}});
  for (const auto& entry : entries)
    table.add_row({entry.mode, std::to_string(entry.nlink), entry.uid, entry.gid,
                   std::to_string(entry.size), rfc822(entry.mtime), entry.name()});
  table.print(context.out, context.table_width());
}

void print_names(const std::vector<FileEntry>& entries, Context& context) {
  std::vector<std::string> names;
  names.reserve(entries.size());
  for (const auto& entry : entries) names.push_back(entry.name());
  context.out << join(names, "  ") << "\n";
}

/// The listing of `options.path` in the sandbox of `task`; a missing path is worded as ls
/// words it, with the path as the user gave it.
Result<std::vector<FileEntry>> list_sandbox(AgentFiles& files, const MesosTask& task,
                                            const LsOptions& options) {
  auto sandbox = files.sandbox(task);
  if (!sandbox) return sandbox.take_error();
  auto entries = files.browse(task.agent_id, path_within(*sandbox, options.path));
  if (!entries && entries.error().kind == ErrorKind::not_found)
    return Error::make(ErrorKind::not_found,
                       "cannot access '" + options.path + "': no such file or directory");
  return entries;
}

Status run_ls(const LsOptions& options, Context& context) {
  auto scope = TaskScope::from_flags(options.all, options.completed);
  if (!scope) return scope.error();
  auto mesos = context.client(Service::mesos);
  if (!mesos) return mesos.error();
  auto state = MesosClient(std::move(mesos).value()).state(task_query(options.task, *scope));
  if (!state) return state.error();
  auto found = find_some_tasks(*state, options.task, *scope);
  if (!found) return found.error();
  for (const auto& item : *found)
    if (item.task->name.empty())
      return Error::make(ErrorKind::not_found, "unable to find task '" + options.task + "'");
  auto http = context.client(Service::admin_router);
  if (!http) return http.error();
  AgentFiles files(std::move(http).value());
  ::tzset();  // DATE is local time: read the zone as it is now

  const bool several = found->size() > 1;
  const bool as_json = list_mode(options.list) == ListMode::json;
  nlohmann::json document = nlohmann::json::array();
  std::vector<Error> failures;
  for (const auto& item : *found) {
    auto entries = list_sandbox(files, *item.task, options);
    if (!entries) {
      // One task: its error is the command's. Several: say what failed and go on with the rest.
      if (!several) return entries.take_error();
      context.out.flush();
      context.err << "Error: " << item.task->id << ": " << entries.error().message << "\n";
      failures.push_back(entries.take_error());
      continue;
    }
    if (as_json) {
      for (const auto& entry : *entries) document.push_back(entry.raw);
      continue;
    }
    if (several) context.out << "===> " << item.task->id << " <===\n";
    if (options.long_form)
      print_long(*entries, context);
    else
      print_names(*entries, context);
  }
  if (as_json) write_json(context.out, document);
  if (failures.empty()) return Status::success();
  // Exit 3 when every failure was a missing sandbox or path, else 1.
  bool all_missing = true;
  for (const auto& failure : failures) all_missing &= failure.kind == ErrorKind::not_found;
  return Error::make(all_missing ? ErrorKind::not_found : ErrorKind::generic,
                     "could not list the files of all matched tasks");
}

}  // namespace

void register_task_ls(CommandTable& table) {
  table.verb<LsOptions>(
      "task ls",
      {.summary = "List the files in the sandbox of tasks",
       .description =
           "List the files at <path> (default: the sandbox itself) in the sandbox of every\n"
           "task whose id contains <task> or matches it as a glob (*, ?, [...]). With several\n"
           "tasks each listing follows a '===> <task-id> <===' line; a task that fails is\n"
           "reported and the others are still listed. --long shows the mode, links, owner,\n"
           "group, size and modification time (local time) of each file. --json prints the\n"
           "agent's entries of every matched task as one list.",
       .arguments = "<task> [<path>]",
       .examples = "    dcos task ls web\n    dcos task ls web.1a2b logs --long\n"
                   "    dcos task ls 'web*' --all\n",
       .needs = Needs::cluster},
      [](Flags& flags, LsOptions& options) {
        flags.add_option("task", options.task, "A part of the task id, or a glob")->required();
        flags.add_option("path", options.path, "A folder or file in the sandbox (default: .)");
        flags.add_flag("--long", options.long_form, "Show the full attributes of each file");
        add_scope_flags(flags, options.all, options.completed);
        add_list_flags(flags, options.list, {.json = "Print the agent's file entries as JSON"});
      },
      run_ls);
}

}  // namespace dcos
