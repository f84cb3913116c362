// `dcos task metrics details|summary <task>`: a running task's container metrics (and, for
// details, the application's own) from the DC/OS metrics API of its agent. Unlike the real
// CLI, the summary's MEM is the memory the container uses (mem.total_bytes) out of its limit
// (mem.limit_bytes), and every byte figure is in real GiB (2^30 bytes).
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/mesos.hpp"
#include "client/metrics.hpp"
#include "client/number_format.hpp"
#include "commands/task/task_find.hpp"
#include "commands/task/task_verbs.hpp"

namespace dcos {
namespace {

struct MetricsOptions {
  std::string task;
  ListFlags list;
};

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string gib(double bytes) { return fixed_decimal(bytes / kGiB, 2) + "GiB"; }

/// "(<part/whole %>)", or "(N/A)" when the whole is 0.
std::string share(double part, double whole) {
  return whole == 0 ? std::string("(N/A)") : "(" + fixed_decimal(part / whole * 100, 2) + "%)";
}

/// The datapoints of the task's container (and of its application with `with_app`); a task
/// without any is not_found.
Result<std::vector<Datapoint>> fetch(const MetricsOptions& options, bool with_app,
                                     Context& context) {
  auto http = context.client(Service::mesos);
  if (!http) return http.take_error();
  auto state = MesosClient(std::move(http).value()).state(task_query(options.task, TaskScope{}));
  if (!state) return state.take_error();
  auto found = find_one_task(*state, options.task, TaskScope{});
  if (!found) return found.take_error();
  const MesosTask& task = *found->task;
  if (task.container_id.empty())
    return Error::make(ErrorKind::not_found,
                       "task '" + task.id + "' has no container yet, so no metrics");
  auto admin = context.client(Service::admin_router);
  if (!admin) return admin.take_error();
  MetricsClient metrics(std::move(admin).value());
  auto container = metrics.container(task.agent_id, task.container_id);
  if (!container) return container.take_error();
  std::optional<MetricsReport> app;
  if (with_app) {
    auto answer = metrics.container_app(task.agent_id, task.container_id);
    if (!answer) return answer.take_error();
    app = std::move(answer).value();
  }
  if (!*container && !app)
    return Error::make(ErrorKind::not_found, "No metrics found for task '" + task.id + "'");
  std::vector<Datapoint> points;
  if (*container) points = (*container)->datapoints;
  if (app) points.insert(points.end(), app->datapoints.begin(), app->datapoints.end());
  return points;
}

nlohmann::json raw_points(const std::vector<const Datapoint*>& points) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto* point : points) list.push_back(point->raw);
  return list;
}

Status run_details(const MetricsOptions& options, Context& context) {
  auto points = fetch(options, true, context);
  if (!points) return points.error();
  std::vector<const Datapoint*> all;
  for (const auto& point : *points) all.push_back(&point);
  ListRenderings renderings;
  renderings.json = [&all]() -> Result<nlohmann::json> { return raw_points(all); };
  renderings.table = [&]() -> Status {
    Table table({{"NAME", ColumnKind::identifier}, "VALUE"});
    for (const auto* point : all)
      table.add_row({point->name, point->value == std::floor(point->value)
                                      ? fixed_decimal(point->value, 0)
                                      : fixed_decimal(point->value, 2)});
    table.set_align(1, Align::left);
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

Status run_summary(const MetricsOptions& options, Context& context) {
  auto points = fetch(options, false, context);
  if (!points) return points.error();
  const char* wanted[] = {
      "cpus.user_time_secs", "cpus.system_time_secs", "cpus.throttled_time_secs", "mem.limit_bytes",
      "mem.total_bytes",     "disk.used_bytes",       "disk.limit_bytes"};
  std::vector<const Datapoint*> picked;
  std::map<std::string, double> values;
  for (const auto& point : *points)
    for (const char* name : wanted)
      if (point.name == name) {
        picked.push_back(&point);
        values[point.name] = point.value;
      }
  ListRenderings renderings;
  renderings.json = [&picked]() -> Result<nlohmann::json> { return raw_points(picked); };
  renderings.table = [&]() -> Status {
    const double cpu_used = values["cpus.user_time_secs"] + values["cpus.system_time_secs"];
    const double cpu_total = cpu_used + values["cpus.throttled_time_secs"];
    const double mem_used = values["mem.total_bytes"];
    const double disk_used = values["disk.used_bytes"];
    Table table({"CPU", "MEM", "DISK"});
    table.add_row({fixed_decimal(cpu_used, 2) + " " + share(cpu_used, cpu_total),
                   gib(mem_used) + " " + share(mem_used, values["mem.limit_bytes"]),
                   gib(disk_used) + " " + share(disk_used, values["disk.limit_bytes"])});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

void bind(Flags& flags, MetricsOptions& options) {
  flags.add_option("task", options.task, "The task's id (or a unique part of it)")->required();
  add_list_flags(flags, options.list, {.json = "Print JSON (the datapoints)", .quiet = ""});
}

}  // namespace

void register_task_metrics(CommandTable& table) {
  table.group("task metrics", {.summary = "Print the metrics of a task"});
  table.verb<MetricsOptions>(
      "task metrics details",
      {.summary = "Print a table of all the metrics of a task",
       .description = "Print every datapoint of a running task's container and application.",
       .arguments = "<task>",
       .examples = "    dcos task metrics details web.1f2e\n",
       .needs = Needs::cluster},
      bind, run_details);
  table.verb<MetricsOptions>(
      "task metrics summary",
      {.summary = "Print a table of the key metrics of a task",
       .description =
           "Print a running task's CPU time (and the share not throttled), the memory its\n"
           "container uses out of its limit, and the disk it uses out of its limit. Bytes are\n"
           "shown in GiB (2^30 bytes).",
       .arguments = "<task>",
       .examples = "    dcos task metrics summary web.1f2e --json\n",
       .needs = Needs::cluster},
      bind, run_summary);
}

}  // namespace dcos
