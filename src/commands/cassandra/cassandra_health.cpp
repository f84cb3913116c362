// `dcos cassandra health`: the scheduler's cluster health report (/health/cluster/report), its
// six checks as a table and the verdict; the exit status is 1 when the ring is unhealthy, so
// scripts can poll it.
#include <nlohmann/json.hpp>

#include "cli/output.hpp"
#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"
#include "commands/cassandra/cassandra_views.hpp"

namespace dcos {
namespace {

struct HealthOptions {
  std::string name;
  bool json = false;
};

Status run_health(const HealthOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto report = ring->health_report();
  if (!report) return report.error();
  if (options.json) {
    write_json(context.out, report->raw);
  } else {
    health_table(*report, context.now()).print(context.out, context.table_width());
    context.out << health_verdict(*report, ring->framework_name());
  }
  if (!report->healthy) return Error::silent(ErrorKind::generic);
  return Status::success();
}

}  // namespace

void register_cassandra_health(CommandTable& table) {
  table.verb<HealthOptions>(
      "cassandra health",
      {.summary = "Show the ring's health report; exit 1 when it is unhealthy",
       .description =
           "Show the six checks of the scheduler's cluster health report: the number of nodes\n"
           "and seeds, every node healthy, in operation mode NORMAL, reporting in the last 5\n"
           "minutes, and running its Cassandra server. The ring is healthy when all pass; the\n"
           "exit status is 1 when it is not (during bootstrap, after a scale-up or a terminate,\n"
           "while a node is stopped).",
       .examples = "    dcos cassandra health\n    dcos cassandra health --name dev --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, HealthOptions& options) {
        add_ring_flag(flags, options.name);
        flags.add_flag("--json", options.json, "Print the scheduler's report as JSON");
      },
      run_health);
}

}  // namespace dcos
