// `dcos service log <service> [<file>]`: the log of a DC/OS service. For `marathon`, the
// journal of Marathon itself on the master where the leading Marathon runs (Admin Router's
// /system/v1/leader/marathon route), in a log format; for any other name, the sandbox log of
// the one task of the Marathon app that runs the service (its DCOS_PACKAGE_FRAMEWORK_NAME
// label), read and followed exactly as `dcos task log` does.
#include <cstdlib>

#include "cli/command_table.hpp"
#include "client/marathon.hpp"
#include "client/mesos.hpp"
#include "commands/component_log.hpp"
#include "commands/task_log_reader.hpp"

namespace dcos {
namespace {

/// The label the package templates give the app that runs a service's scheduler.
constexpr const char* kFrameworkNameLabel = "DCOS_PACKAGE_FRAMEWORK_NAME";

struct LogOptions {
  std::string service;
  std::string file;
  bool follow = false;
  long long lines = 10;
  std::string output = "short";
  std::string ssh_config_file;
  std::string user;
};

Status log_marathon(const LogOptions& options, LogFormat format, Context& context) {
  ComponentLogQuery query;
  query.route = "/leader/marathon";
  query.unit = "dcos-marathon.service";
  query.lines = std::llabs(options.lines);
  return print_component_log(query, format, options.follow, context);
}

/// The id of the one app whose framework-name label is `service`.
Result<std::string> service_app(MarathonClient& marathon, const std::string& service) {
  auto ids = marathon.app_ids_with_label(kFrameworkNameLabel, service);
  if (!ids) return ids.take_error();
  if (ids->empty())
    return Error::make(ErrorKind::not_found,
                       "no marathon apps found for service name [" + service + "]");
  if (ids->size() > 1) {
    std::string listed;
    for (const auto& id : *ids) listed += (listed.empty() ? "" : ", ") + id;
    return Error::make(ErrorKind::ambiguous, "multiple marathon apps found for service name [" +
                                                 service + "]: [" + listed + "]");
  }
  return std::move(ids->front());
}

/// The id of the app's one task.
Result<std::string> app_task(MarathonClient& marathon, const std::string& app_id) {
  auto app = marathon.get_app(app_id);
  if (!app) return app.take_error();
  if (app->task_ids.size() != 1)
    return Error::make(ErrorKind::generic, "expected marathon app [" + app_id +
                                               "] to be running 1 task, but instead found " +
                                               std::to_string(app->task_ids.size()) + " tasks");
  return std::move(app->task_ids.front());
}

Status log_service_task(const LogOptions& options, Context& context) {
  auto marathon_http = context.client(Service::marathon);
  if (!marathon_http) return marathon_http.error();
  MarathonClient marathon(std::move(marathon_http).value());
  auto app_id = service_app(marathon, options.service);
  if (!app_id) return app_id.error();
  auto task_id = app_task(marathon, *app_id);
  if (!task_id) return task_id.error();
  auto mesos = context.client(Service::mesos);
  if (!mesos) return mesos.error();
  auto task = MesosClient(std::move(mesos).value()).task(*task_id);
  if (!task) return task.error();

  auto admin_router = context.client(Service::admin_router);
  if (!admin_router) return admin_router.error();
  const std::string file = options.file.empty() ? "stdout" : options.file;
  const long long lines = std::llabs(options.lines);
  if (options.follow)
    return follow_task_log(*task, file, lines, std::move(admin_router).value(), context);
  TaskLogReader reader(std::move(admin_router).value(), *task, file);
  auto text = reader.tail(lines);
  if (!text) return text.error();
  context.out << *text << std::flush;
  return Status::success();
}

Status run_log(const LogOptions& options, Context& context) {
  if (!options.ssh_config_file.empty())
    context.err << "The --ssh-config-file flag is deprecated.\n";
  if (options.service == "marathon" && !options.file.empty())
    return Error::make(ErrorKind::usage, "the <file> argument is invalid for marathon");
  auto format = parse_log_format(options.output);
  if (!format) return format.error();
  if (options.service == "marathon") return log_marathon(options, *format, context);
  if (*format != LogFormat::short_line)
    context.info("task logs are printed as they are written; --output is ignored");
  return log_service_task(options, context);
}

}  // namespace

void register_service_log(CommandTable& table) {
  table.verb<LogOptions>(
      "service log",
      {.summary = "Print logs for DC/OS services",
       .description =
           "Print the last lines of a service's log. For marathon: Marathon's own journal on\n"
           "the master where the leading Marathon runs, in the -o format (short, cat, json or\n"
           "json-pretty). For another service: <file> (stdout unless named) of the one task\n"
           "of the Marathon app whose DCOS_PACKAGE_FRAMEWORK_NAME label is <service>, printed\n"
           "as written, as `dcos task log` does. --follow keeps printing new lines: until\n"
           "Ctrl-C for marathon (exit 130), until the task ends for a service's task.",
       .arguments = "<service> [<file>]",
       .examples = "    dcos service log marathon --lines 50\n"
                   "    dcos service log --follow hello-world stderr\n",
       .needs = Needs::cluster},
      [](Flags& flags, LogOptions& options) {
        flags.add_option("service", options.service, "marathon, or the service's name")->required();
        flags.add_option("file", options.file, "The sandbox file to print (default stdout)");
        flags.add_flag("--follow", options.follow, "Keep printing new lines");
        flags.add_option("--lines", options.lines, "How many of the last lines (default 10)")
            ->type_name("<n>");
        flags
            .add_option("-o,--output", options.output,
                        "The format of Marathon's journal: short (default), cat, json or "
                        "json-pretty; a task's log is printed as written")
            ->type_name("<format>");
        flags
            .add_option("--ssh-config-file", options.ssh_config_file,
                        "Deprecated and unused: logs are read over HTTP")
            ->type_name("<path>")
            ->hidden();
        flags.add_option("--user", options.user, "Accepted for compatibility; unused")
            ->type_name("<user>")
            ->hidden();
      },
      run_log);
}

}  // namespace dcos
