// `dcos service`: the Mesos frameworks of the cluster (Marathon, Metronome, the services
// installed from packages). `list` shows them, `shutdown` tears one down with all its tasks,
// `log` (service_log.cpp) prints a service's log.
// The group's deprecated alias, `dcos service [--json] [--inactive] [--completed]`, lists them
// after a deprecation line on stderr (help instead under DCOS_CLI_STRICT_DEPRECATIONS).
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/mesos.hpp"
#include "client/mesos_operator.hpp"
#include "client/number_format.hpp"
#include "client/resolve.hpp"
#include "client/strings.hpp"
#include "commands/service_records.hpp"

namespace dcos {

void register_service_log(CommandTable& table);  // service_log.cpp

namespace {

struct ListOptions {
  bool inactive = false;
  bool completed = false;
  bool id_only = false;
  ListFlags list;
};

/// Whether a list shows a framework: the active ones (and the inactive with --inactive), and with
/// --completed the torn down ones.
bool shown(const MesosFramework& framework, bool completed, const ListOptions& options) {
  return completed ? options.completed : framework.active || options.inactive;
}

/// The frameworks a list shows in the master's order, torn down ones last; their tasks are
/// counted, not read.
Result<std::vector<MesosFramework>> shown_frameworks(MesosClient& mesos,
                                                     const ListOptions& options) {
  StateQuery query;
  query.agents = false;
  query.completed_frameworks = options.completed;
  query.running_tasks = false;
  query.completed_tasks = false;
  query.records = false;
  std::vector<MesosFramework> frameworks, completed;
  StateVisitor visitor;
  visitor.framework = [&](MesosFramework&& framework, bool torn_down) {
    if (shown(framework, torn_down, options))
      (torn_down ? completed : frameworks).push_back(std::move(framework));
    return Status::success();
  };
  if (Status status = mesos.read_frameworks(query, visitor); !status.ok()) return status.error();
  for (auto& framework : completed) frameworks.push_back(std::move(framework));
  return frameworks;
}

Status run_list(const ListOptions& options, Context& context) {
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  MesosClient mesos(std::move(http).value());
  if (list_mode(options.list) == ListMode::json) {
    // The records, tasks included, printed as they are read.
    FrameworkRecordsWriter writer(context.out,
                                  [&options](const MesosFramework& framework, bool completed) {
                                    return shown(framework, completed, options);
                                  });
    if (Status status = mesos.read_frameworks(FrameworkRecordsWriter::query(options.completed),
                                              writer.visitor());
        !status.ok())
      return status;
    return writer.finish();
  }
  auto frameworks = shown_frameworks(mesos, options);
  if (!frameworks) return frameworks.error();
  if (options.id_only && !options.list.json) {
    std::vector<std::string> ids;
    for (const auto& framework : *frameworks) ids.push_back(framework.id);
    write_ids(context.out, ids);
    return Status::success();
  }
  ListRenderings renderings;
  renderings.ids = [&frameworks]() -> Result<std::vector<std::string>> {
    std::vector<std::string> names;
    for (const auto& framework : *frameworks) names.push_back(framework.name);
    return names;
  };
  renderings.table = [&]() -> Status {
    Table table({"NAME", "HOST", "ACTIVE", "TASKS", "CPU", "MEM", "DISK", "ID"});
    for (const auto& framework : *frameworks)
      table.add_row({framework.name, framework.hostname, framework.active ? "True" : "False",
                     std::to_string(framework.task_count), fixed_decimal(framework.cpus, 1),
                     fixed_decimal(framework.mem, 1), fixed_decimal(framework.disk, 1),
                     framework.id});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

void bind_list_flags(Flags& flags, ListOptions& options) {
  flags.add_flag("--inactive", options.inactive, "Print inactive and active services");
  flags.add_flag("--completed", options.completed, "Print completed and active services");
  add_list_flags(flags, options.list,
                 {.json = "Print JSON (Mesos's framework records)", .quiet = ""});
}

struct ShutdownOptions {
  std::string id;
  bool yes = false;
};

/// Asks whether to go on, on stderr; an empty answer or the end of input is no.
Result<bool> confirm_teardown(Context& context, const std::string& what) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    context.err << "Do you really want to teardown " << what << " with all its tasks? [yes/no] "
                << std::flush;
    std::string line;
    if (!std::getline(context.in, line)) return false;
    const std::string word = to_lower(trim(line));
    if (word.empty() || word == "n" || word == "no") return false;
    if (word == "y" || word == "yes") return true;
  }
  return Error::make(ErrorKind::usage, "couldn't get confirmation");
}

Status run_shutdown(const ShutdownOptions& options, Context& context) {
  if (options.id.empty()) return Error::make(ErrorKind::usage, "service name must not be empty");
  if (!options.yes && !context.terminal.stdin_tty)
    return Error::make(ErrorKind::usage,
                       "tearing down a service needs a confirmation; pass --yes to confirm "
                       "without a terminal");
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  auto all = MesosClient(*http).frameworks();
  if (!all) return all.error();
  std::vector<std::string> ids;
  for (const auto& framework : all->frameworks) ids.push_back(framework.id);
  auto index = resolve_index(options.id, ids, "framework");
  if (!index) return index.error();
  const MesosFramework& framework = all->frameworks[*index];
  if (!options.yes) {
    auto confirmed = confirm_teardown(context, framework.name + " (" + framework.id + ")");
    if (!confirmed) return confirmed.error();
    if (!*confirmed) return Error::make(ErrorKind::generic, "not confirmed; nothing was torn down");
  }
  return MesosOperator(std::move(http).value()).teardown(framework.id);
}

}  // namespace

void register_service_commands(CommandTable& table) {
  table.verb<ListOptions>(
      "service list",
      {.summary = "Show DC/OS services",
       .description =
           "Show the active Mesos frameworks (--inactive adds the inactive ones, --completed\n"
           "those torn down): name, scheduler host, running tasks, resources held and id.\n"
           "-q prints only the names.",
       .examples = "    dcos service list\n    dcos service list --inactive --completed --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, ListOptions& options) {
        bind_list_flags(flags, options);
        flags.add_flag("-q,--quiet", options.list.quiet, "Print only the services' names");
        flags.add_flag("--id-only", options.id_only, "Print only the services' ids")->hidden();
      },
      run_list);
  table.verb<ShutdownOptions>(
      "service shutdown",
      {.summary = "Shutdown a service",
       .description =
           "Tear down the Mesos framework with this id (or a unique part of it) and kill all its\n"
           "tasks. Asks first when stdin is a terminal (the default answer is no); without a\n"
           "terminal --yes is required. A service Marathon runs comes back unless it is removed\n"
           "from Marathon.",
       .arguments = "<framework-id>",
       .examples = "    dcos service shutdown 2e4a1f6b-0001 --yes\n",
       .needs = Needs::cluster},
      [](Flags& flags, ShutdownOptions& options) {
        flags.add_option("framework-id", options.id, "The framework's id")->required();
        flags.add_flag("--yes", options.yes, "Do not ask for a confirmation");
      },
      run_shutdown);
  register_service_log(table);
  table.group_default<ListOptions>(
      "service", bind_list_flags, [&table](const ListOptions& options, Context& context) {
        if (context.env && context.env("DCOS_CLI_STRICT_DEPRECATIONS")) {
          context.out << render_help(table, *table.find({"service"}), help_width(context));
          return Status::success();
        }
        context.err << "Getting the list of services from `dcos service` is deprecated. Please "
                       "use `dcos service list`.\n";
        return run_list(options, context);
      });
}

}  // namespace dcos
