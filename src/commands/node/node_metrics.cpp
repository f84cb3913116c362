// `dcos node metrics details|summary <mesos-id>`: an agent's own metrics (CPU, load, memory,
// file systems) from the DC/OS metrics API. Bytes are shown in real GiB (2^30 bytes).
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/metrics.hpp"
#include "client/number_format.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct MetricsOptions {
  std::string mesos_id;
  ListFlags list;
};

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string gib(double bytes) { return fixed_decimal(bytes / kGiB, 2) + "GiB"; }

std::string percent(double value) { return fixed_decimal(value, 2) + "%"; }

/// A datapoint's value as the details table shows it.
std::string value_text(const Datapoint& point) {
  if (point.unit == "bytes") return gib(point.value);
  if (point.unit == "percent") return percent(point.value);
  return point.value == std::floor(point.value) ? fixed_decimal(point.value, 0)
                                                : fixed_decimal(point.value, 2);
}

std::string tags_text(const Datapoint& point) {
  std::string text;
  for (const auto& [key, value] : point.tags)
    text += (text.empty() ? "" : ", ") + key + ": " + value;
  return text;
}

/// The agent's report, the id resolved among the registered agents first.
Result<MetricsReport> fetch(const MetricsOptions& options, Context& context) {
  auto agent = find_agent(context, options.mesos_id);
  if (!agent) return agent.take_error();
  auto http = context.client(Service::admin_router);
  if (!http) return http.take_error();
  return MetricsClient(std::move(http).value()).node(agent->id);
}

nlohmann::json raw_points(const std::vector<const Datapoint*>& points) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto* point : points) list.push_back(point->raw);
  return list;
}

Status run_details(const MetricsOptions& options, Context& context) {
  auto report = fetch(options, context);
  if (!report) return report.error();
  ListRenderings renderings;
  renderings.json = [&report]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& point : report->datapoints) list.push_back(point.raw);
    return list;
  };
  renderings.table = [&]() -> Status {
    Table table({{"NAME", ColumnKind::identifier}, "VALUE", {"TAGS", ColumnKind::text}});
    for (const auto& point : report->datapoints)
      table.add_row({point.name, value_text(point), tags_text(point)});
    table.set_align(1, Align::left);
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

Status run_summary(const MetricsOptions& options, Context& context) {
  auto report = fetch(options, context);
  if (!report) return report.error();
  // The six datapoints the summary reads; of the file systems only the root (path /) counts.
  const char* wanted[] = {"load.1min",
                          "cpu.total",
                          "memory.total",
                          "memory.free",
                          "filesystem.capacity.total",
                          "filesystem.capacity.used"};
  std::vector<const Datapoint*> picked;
  std::map<std::string, double> values;
  for (const auto& point : report->datapoints) {
    bool is_wanted = false;
    for (const char* name : wanted) is_wanted = is_wanted || point.name == name;
    if (!is_wanted) continue;
    if (point.name.rfind("filesystem.capacity.", 0) == 0 && point.tag("path").value_or("/") != "/")
      continue;
    picked.push_back(&point);
    values[point.name] = point.value;
  }
  ListRenderings renderings;
  renderings.json = [&picked]() -> Result<nlohmann::json> { return raw_points(picked); };
  renderings.table = [&]() -> Status {
    auto ratio = [](double part, double whole) {
      return whole == 0 ? std::string("N/A") : percent(part / whole * 100);
    };
    const double mem_used = values["memory.total"] - values["memory.free"];
    const double disk_used = values["filesystem.capacity.used"];
    Table table({"CPU", "MEM", "DISK"});
    table.add_row(
        {fixed_decimal(values["load.1min"], 2) + " (" + percent(values["cpu.total"]) + ")",
         gib(mem_used) + " (" + ratio(mem_used, values["memory.total"]) + ")",
         gib(disk_used) + " (" + ratio(disk_used, values["filesystem.capacity.total"]) + ")"});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

void bind(Flags& flags, MetricsOptions& options) {
  flags.add_option("mesos-id", options.mesos_id, "The agent's Mesos id (or a unique part of it)")
      ->required();
  add_list_flags(flags, options.list, {.json = "Print JSON (the datapoints)", .quiet = ""});
}

}  // namespace

void register_node_metrics(CommandTable& table) {
  table.group("node metrics", {.summary = "Display the metrics of a node"});
  table.verb<MetricsOptions>(
      "node metrics details",
      {.summary = "Print details of the metrics of an agent",
       .description = "Print every datapoint the agent reports about itself, with its tags.\n"
                      "Bytes are shown in GiB (2^30 bytes).",
       .arguments = "<mesos-id>",
       .examples = "    dcos node metrics details 2e4a-S1\n",
       .needs = Needs::cluster},
      bind, run_details);
  table.verb<MetricsOptions>(
      "node metrics summary",
      {.summary = "Print summary of the metrics of an agent",
       .description = "Print the agent's load and CPU use, the memory in use and the space used\n"
                      "on its root file system. Bytes are shown in GiB (2^30 bytes).",
       .arguments = "<mesos-id>",
       .examples = "    dcos node metrics summary 2e4a-S1\n",
       .needs = Needs::cluster},
      bind, run_summary);
}

}  // namespace dcos
