#include "commands/cassandra/cassandra_views.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>

#include "client/strings.hpp"
#include "commands/cassandra/cassandra_common.hpp"

namespace dcos {
namespace {

using nlohmann::json;
using std::chrono::system_clock;

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

/// A value of the health report: text as it is, times as ages, lists joined by commas.
std::string report_value(const json& value, bool times, system_clock::time_point now) {
  if (value.is_array()) {
    std::vector<std::string> parts;
    for (const auto& item : value) parts.push_back(report_value(item, times, now));
    return parts.empty() ? "-" : join(parts, ",");
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return text.empty() ? "\"\"" : text;
  }
  if (times && value.is_number()) return age_text(value.get<long long>(), now) + " ago";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "-";
  return value.dump();
}

std::string keyspaces(const CassandraNodeJob& job) {
  std::vector<std::string> parts;
  for (const auto& [name, status] : job.processed_keyspaces) parts.push_back(name + " " + status);
  if (!job.remaining_keyspaces.empty())
    parts.push_back(std::to_string(job.remaining_keyspaces.size()) + " to go");
  return parts.empty() ? "-" : join(parts, ", ");
}

void add_job_row(Table& table, const CassandraNodeJob& job, const std::string& status) {
  table.add_row({job.executor_id, or_dash(job.ip), status, keyspaces(job)});
}

}  // namespace

Table node_table(const CassandraNodes& nodes, system_clock::time_point now) {
  Table table({{"ip", ColumnKind::identifier},
               {"hostname", ColumnKind::identifier},
               {"executor", ColumnKind::optional, 4},
               "state",
               {"seed", ColumnKind::optional, 2},
               "mode",
               "healthy",
               {"server", ColumnKind::optional, 1},
               {"last_check", ColumnKind::optional, 3}});
  for (const auto& node : nodes.nodes) {
    std::string mode = node.health ? or_dash(node.health->operation_mode) : "-";
    std::string healthy = node.health ? yes_no(node.health->healthy) : "-";
    table.add_row({node.ip, node.hostname, or_dash(node.executor_id), node.target_run_state,
                   yes_no(node.seed), mode, healthy, yes_no(node.has_task("SERVER")),
                   age_text(node.last_health_check, now)});
  }
  return table;
}

std::string node_details(const CassandraNode& node, system_clock::time_point now) {
  std::vector<std::pair<std::string, std::string>> lines = {
      {"IP", node.ip},
      {"Hostname", node.hostname},
      {"Executor", or_dash(node.executor_id)},
      {"Target state", node.target_run_state},
      {"Seed", yes_no(node.seed)},
      {"Live", yes_no(is_live(node))},
  };
  if (!node.replacement_for_ip.empty()) lines.emplace_back("Replaces", node.replacement_for_ip);
  if (!node.rack.empty() || !node.dc.empty())
    lines.emplace_back("Rack/DC", or_dash(node.rack) + " / " + or_dash(node.dc));
  lines.emplace_back("JMX port", std::to_string(node.jmx_port));
  lines.emplace_back("Cassandra PID", node.daemon_pid ? std::to_string(*node.daemon_pid) : "-");
  lines.emplace_back("Workdir", or_dash(node.workdir));
  std::vector<std::string> tasks;
  for (const auto& task : node.tasks) tasks.push_back(task.type + " " + task.task_id);
  lines.emplace_back("Tasks", tasks.empty() ? "none" : join(tasks, ", "));
  std::string checked = age_text(node.last_health_check, now);
  lines.emplace_back("Last check", checked == "-" ? "never" : checked + " ago");
  if (node.health) {
    const auto& health = *node.health;
    lines.emplace_back("Healthy", yes_no(health.healthy));
    if (!health.msg.empty()) lines.emplace_back("Message", health.msg);
    lines.emplace_back("Mode", or_dash(health.operation_mode));
    lines.emplace_back("Version", or_dash(health.version));
    lines.emplace_back("Cluster", or_dash(health.cluster_name));
    lines.emplace_back("Data center", or_dash(health.data_center));
    lines.emplace_back("Rack", or_dash(health.rack));
    lines.emplace_back("Endpoint", or_dash(health.endpoint));
    lines.emplace_back("Host id", or_dash(health.host_id));
    lines.emplace_back("Joined", yes_no(health.joined));
    lines.emplace_back("Native transport", yes_no(health.native_transport_running));
    lines.emplace_back("Thrift", yes_no(health.rpc_server_running));
    lines.emplace_back("Tokens", std::to_string(health.token_count));
    lines.emplace_back("Uptime", duration_text(std::chrono::milliseconds(health.uptime_millis)));
  }
  size_t width = 0;
  for (const auto& [key, value] : lines) width = std::max(width, key.size());
  std::string text;
  for (const auto& [key, value] : lines)
    text += key + ":" + std::string(width - key.size() + 2, ' ') + value + "\n";
  return text;
}

Table health_table(const CassandraHealthReport& report, system_clock::time_point now) {
  Table table({{"name", ColumnKind::identifier},
               "ok",
               {"expected", ColumnKind::text},
               {"actual", ColumnKind::text}});
  for (const auto& check : report.checks) {
    const bool times = check.name == "lastHealthCheckNewerThan";
    table.add_row({check.name, yes_no(check.ok), report_value(check.expected, times, now),
                   report_value(check.actual, times, now)});
  }
  return table;
}

std::string health_verdict(const CassandraHealthReport& report, const std::string& framework) {
  size_t failing = 0;
  for (const auto& check : report.checks)
    if (!check.ok) ++failing;
  if (report.healthy) return "Ring " + framework + " is healthy.\n";
  return "Ring " + framework + " is unhealthy: " + std::to_string(failing) + " of " +
         std::to_string(report.checks.size()) + " checks fail.\n";
}

std::string job_word(const std::string& type) {
  if (type == "CLEANUP") return "cleanup";
  if (type == "RESTART") return "rolling restart";
  if (type == "REPAIR") return "repair";
  return to_lower(type);
}

std::string job_report(const CassandraJobRun& job, bool running, const std::string& framework,
                       system_clock::time_point now) {
  std::string word = job_word(job.type);
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  const size_t total = job.completed.size() + (job.current ? 1 : 0) + job.remaining_nodes.size();
  std::string state;
  if (running) {
    state = job.aborted ? "aborting" : "running";
    state += ", started " + age_text(job.started, now) + " ago";
  } else if (job.finished) {
    state = std::string(job.aborted ? "aborted" : "finished") + " " + age_text(job.finished, now) +
            " ago, took " + duration_text(std::chrono::milliseconds(*job.finished - job.started));
  } else {
    state = std::string(job.aborted ? "aborted" : "ended") + ", started " +
            age_text(job.started, now) + " ago";
  }
  size_t failed = 0;
  for (const auto& done : job.completed)
    if (done.failed) ++failed;
  std::ostringstream text;
  text << word << " of ring " << framework << ": " << state << "; " << job.completed.size()
       << " of " << total << " nodes done"
       << (failed ? ", " + std::to_string(failed) + " failed" : "") << "\n";
  Table table({{"executor", ColumnKind::identifier},
               {"ip", ColumnKind::identifier},
               {"status", ColumnKind::text},
               {"keyspaces", ColumnKind::text}});
  for (const auto& done : job.completed)
    add_job_row(table, done, done.failed ? "failed: " + done.failure : "done");
  if (job.current) add_job_row(table, *job.current, "running");
  for (const auto& waiting : job.remaining_nodes) table.add_row({waiting, "-", "waiting", "-"});
  if (table.rows() > 0) table.print(text);
  return text.str();
}

}  // namespace dcos
