// `dcos node list`: every agent and master of the cluster, with their addresses, type, status
// and fault domain. Five narrow requests go out at once, each on its own connection: the
// master's state summary (agents and task counters), GET_AGENTS (drain and activation state),
// GET_MASTER (the leader's id and domain), Mesos-DNS's master.mesos (the masters) and the
// networking API's nodes (public IPs; a failure there only leaves the column empty).
#include <variant>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/fan_out.hpp"
#include "client/mesos_dns.hpp"
#include "client/networking.hpp"
#include "client/resolve.hpp"
#include "commands/node/node_records.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

using Fetched = std::variant<MesosSummary, std::vector<OperatorAgent>, MasterInfo,
                             std::vector<DnsHost>, std::vector<NetworkNode>>;

template <typename T>
Result<Fetched> as_fetched(Result<T> result) {
  if (!result) return result.take_error();
  return Fetched(std::move(result).value());
}

template <typename T>
T take(Result<Fetched>& result) {
  return std::get<T>(std::move(result).value());
}

/// The five answers, fetched in parallel.
Result<NodeSources> fetch_sources(Context& context) {
  auto mesos = context.service_options(Service::mesos);
  if (!mesos) return mesos.take_error();
  auto admin = context.service_options(Service::admin_router);
  if (!admin) return admin.take_error();
  std::vector<FanOutJob<Fetched>> jobs;
  jobs.push_back({*mesos, [](HttpClient http) {
                    return as_fetched(MesosClient(std::move(http)).state_summary());
                  }});
  jobs.push_back({*mesos, [](HttpClient http) {
                    return as_fetched(MesosOperator(std::move(http)).agents());
                  }});
  jobs.push_back({*mesos, [](HttpClient http) {
                    return as_fetched(MesosOperator(std::move(http)).master());
                  }});
  jobs.push_back({*admin, [](HttpClient http) {
                    return as_fetched(MesosDnsClient(std::move(http)).hosts("master.mesos"));
                  }});
  jobs.push_back({*admin, [](HttpClient http) {
                    return as_fetched(NetworkingClient(std::move(http)).nodes());
                  }});
  auto results = fan_out(context.client_factory(), std::move(jobs));
  for (size_t needed : {0, 1, 3})
    if (!results[needed]) return results[needed].take_error();
  NodeSources sources;
  sources.summary = take<MesosSummary>(results[0]);
  sources.agents = take<std::vector<OperatorAgent>>(results[1]);
  sources.masters = take<std::vector<DnsHost>>(results[3]);
  // Without the leader's own description the masters still show, with no id or domain.
  if (results[2])
    sources.leader = take<MasterInfo>(results[2]);
  else
    context.info("the leading master did not describe itself: " + results[2].error().message);
  if (results[4]) {
    for (auto& node : take<std::vector<NetworkNode>>(results[4]))
      sources.public_ips[node.private_ip] = std::move(node.public_ips);
  } else {
    context.info("no public IPs: " + results[4].error().message);
  }
  return sources;
}

Status run_list(const NodeListOptions& options, Context& context) {
  auto sources = fetch_sources(context);
  if (!sources) return sources.error();
  auto nodes = node_records(std::move(sources).value());
  if (!options.mesos_id.empty()) {
    // Only agents and the leader have a Mesos id.
    std::vector<std::string> ids;
    std::vector<size_t> at;
    for (size_t i = 0; i < nodes.size(); ++i)
      if (!nodes[i].id.empty()) {
        ids.push_back(nodes[i].id);
        at.push_back(i);
      }
    auto index = resolve_index(options.mesos_id, ids, "node");
    if (!index) return index.error();
    nodes = {nodes[at[*index]]};
  }
  ListRenderings renderings;
  renderings.json = [&nodes]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& node : nodes) list.push_back(node.record);
    return list;
  };
  renderings.empty = [&] { return nodes.empty(); };
  renderings.none = "No nodes.";
  renderings.table = [&]() -> Status {
    std::vector<Column> columns = {{"HOSTNAME", ColumnKind::identifier},
                                   {"IP", ColumnKind::identifier},
                                   {"PUBLIC IP(S)", ColumnKind::optional, 3},
                                   {"ID", ColumnKind::identifier},
                                   "TYPE",
                                   "STATUS",
                                   {"REGION", ColumnKind::optional, 2},
                                   {"ZONE", ColumnKind::optional, 1}};
    columns.insert(columns.end(), options.fields.begin(), options.fields.end());
    Table table(columns);
    for (const auto& node : nodes) {
      auto cells = node.cells;
      for (const auto& field : options.fields) cells.push_back(field_text(node.record, field));
      table.add_row(std::move(cells));
    }
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

}  // namespace

void bind_node_list_flags(Flags& flags, NodeListOptions& options) {
  add_list_flags(flags, options.list, {.json = "Print JSON (one record per node)", .quiet = ""});
  flags
      .add_option("--field", options.fields,
                  "Add a column with this field of the node's record (dotted for nested "
                  "fields, e.g. used_resources.cpus); repeatable")
      ->type_name("<field>");
}

void register_node_list(CommandTable& table) {
  table.verb<NodeListOptions>(
      "node list",
      {.summary = "Show all nodes in the cluster",
       .description =
           "Show the agents and the masters of the cluster: hostname, private and public IPs,\n"
           "Mesos id, type (agent, agent (public), master (leader), master (standby)), status\n"
           "(ACTIVE, DEACTIVATED, DRAINING, DRAINED) and fault domain. --field adds columns\n"
           "read from each node's JSON record, e.g. TASK_RUNNING or used_resources.mem.",
       .examples = "    dcos node list\n    dcos node list --field TASK_RUNNING --field "
                   "used_resources.cpus\n    dcos node list --mesos-id 2e4a-S1 --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, NodeListOptions& options) {
        bind_node_list_flags(flags, options);
        flags
            .add_option("--mesos-id", options.mesos_id,
                        "Only the node with this Mesos id (or a unique part of it)")
            ->type_name("<mesos-id>");
      },
      run_list);
}

Status run_node_list(const NodeListOptions& options, Context& context) {
  return run_list(options, context);
}

}  // namespace dcos
