// `dcos cassandra seeds` and `dcos cassandra connection`: where to reach the ring. seeds lists
// the seed nodes (/node/seed/all) with the ports the ring uses; connection lists live nodes as
// host:port lines of the native (CQL) port, for cqlsh and drivers (/live-nodes).
#include <nlohmann/json.hpp>

#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"

namespace dcos {
namespace {

struct SeedsOptions {
  std::string name;
  ListFlags list;
};

struct ConnectionOptions {
  std::string name;
  long long limit = 3;
  bool json = false;
};

Status run_seeds(const SeedsOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto seeds = ring->seeds();
  if (!seeds) return seeds.error();
  return print_list(
      context, options.list,
      {.table = [&]() -> Status {
         Table table({{"ip", ColumnKind::identifier}, "native_port", "rpc_port", "jmx_port"});
         for (const auto& ip : seeds->seeds)
           table.add_row({ip, std::to_string(seeds->native_port), std::to_string(seeds->rpc_port),
                          std::to_string(seeds->jmx_port)});
         table.print(context.out, context.table_width());
         return Status::success();
       },
       .json = [&]() -> Result<nlohmann::json> { return seeds->raw; },
       .ids = [&]() -> Result<std::vector<std::string>> { return seeds->seeds; }});
}

Status run_connection(const ConnectionOptions& options, Context& context) {
  if (options.limit < 1)
    return Error::make(ErrorKind::usage,
                       "--limit must be at least 1, not " + std::to_string(options.limit));
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto live = ring->live_nodes(options.limit);
  if (!live) {
    Error error = live.error();
    if (error.kind == ErrorKind::not_found && error.hint.empty())
      error.hint = "see why with 'dcos cassandra node list' and 'dcos cassandra health'";
    return error;
  }
  if (options.json) {
    write_json(context.out, live->raw);
    return Status::success();
  }
  for (const auto& ip : live->nodes) context.out << ip << ":" << live->native_port << "\n";
  return Status::success();
}

}  // namespace

void register_cassandra_connection(CommandTable& table) {
  table.verb<SeedsOptions>(
      "cassandra seeds",
      {.summary = "List the ring's seed nodes and its ports",
       .examples = "    dcos cassandra seeds\n    dcos cassandra seeds -q\n",
       .needs = Needs::cluster},
      [](Flags& flags, SeedsOptions& options) {
        add_ring_flag(flags, options.name);
        add_list_flags(flags, options.list,
                       {.json = "Print the scheduler's /node/seed/all answer as JSON",
                        .quiet = "Print only the seeds' IPs"});
      },
      run_seeds);
  table.verb<ConnectionOptions>(
      "cassandra connection",
      {.summary = "Print live nodes as host:port lines for cqlsh and drivers",
       .description =
           "Print up to --limit live nodes of the ring (picked at random by the scheduler) as\n"
           "<ip>:<native port> lines, the addresses a CQL client connects to. A node is live\n"
           "when its Cassandra server runs and its last report is healthy with the native and\n"
           "thrift transports up.",
       .examples = "    dcos cassandra connection\n"
                   "    cqlsh $(dcos cassandra connection --limit 1 | tr : ' ')\n",
       .needs = Needs::cluster},
      [](Flags& flags, ConnectionOptions& options) {
        add_ring_flag(flags, options.name);
        flags.add_option("--limit", options.limit, "At most this many nodes (default 3)")
            ->type_name("<n>");
        flags.add_flag("--json", options.json, "Print the scheduler's /live-nodes answer as JSON");
      },
      run_connection);
}

}  // namespace dcos
