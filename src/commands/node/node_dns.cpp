// `dcos node dns <hostname>`: the addresses Mesos-DNS resolves a name to.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/mesos_dns.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct DnsOptions {
  std::string hostname;
  ListFlags list;
};

Status run_dns(const DnsOptions& options, Context& context) {
  auto http = context.client(Service::admin_router);
  if (!http) return http.error();
  auto hosts = MesosDnsClient(std::move(http).value()).hosts(options.hostname);
  if (!hosts) return hosts.error();
  ListRenderings renderings;
  renderings.json = [&hosts]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& host : *hosts) list.push_back({{"host", host.host}, {"ip", host.ip}});
    return list;
  };
  renderings.table = [&]() -> Status {
    Table table({{"HOST", ColumnKind::identifier}, {"IP", ColumnKind::identifier}});
    for (const auto& host : *hosts) table.add_row({host.host, host.ip});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

}  // namespace

void register_node_dns(CommandTable& table) {
  table.verb<DnsOptions>(
      "node dns",
      {.summary = "Return the IP address(es) corresponding to a given hostname",
       .description = "Ask the cluster's Mesos-DNS which addresses <hostname> resolves to, e.g.\n"
                      "leader.mesos, master.mesos or <app>.marathon.mesos.",
       .arguments = "<hostname>",
       .examples = "    dcos node dns master.mesos\n    dcos node dns web.marathon.mesos --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, DnsOptions& options) {
        flags.add_option("hostname", options.hostname, "The name to resolve")->required();
        add_list_flags(flags, options.list,
                       {.json = "Print JSON ({host, ip} objects)", .quiet = ""});
      },
      run_dns);
}

}  // namespace dcos
