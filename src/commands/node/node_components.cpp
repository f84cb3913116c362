// `dcos node list-components [<mesos-id>] [--leader]`: the DC/OS components (systemd units)
// a node runs, as the diagnostics service reports them.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/health.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct ComponentsOptions {
  NodeChoiceFlags node;
  ListFlags list;
};

Status run_components(const ComponentsOptions& options, Context& context) {
  auto choice = choose_node(context, options.node);
  if (!choice) return choice.error();
  auto node = find_node(context, *choice);
  if (!node) return node.error();
  auto http = context.client(Service::admin_router);
  if (!http) return http.error();
  // The leader is known by its IP, an agent by the hostname it registered with.
  auto units = HealthClient(std::move(http).value()).units(node->hostname);
  if (!units) return units.error();
  ListRenderings renderings;
  renderings.json = [&units]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& unit : *units) list.push_back(unit.raw);
    return list;
  };
  renderings.table = [&]() -> Status {
    std::vector<std::string> ids;
    for (const auto& unit : *units) ids.push_back(unit.id);
    write_ids(context.out, ids);
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

}  // namespace

void register_node_components(CommandTable& table) {
  table.verb<ComponentsOptions>(
      "node list-components",
      {.summary = "Print a list of available DC/OS components on specified node",
       .description = "Print the DC/OS components (systemd units) of the leading master or of an\n"
                      "agent, one per line; --json prints each unit with its health.",
       .arguments = "[<mesos-id>]",
       .examples = "    dcos node list-components --leader\n"
                   "    dcos node list-components 2e4a-S1 --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, ComponentsOptions& options) {
        add_node_choice_flags(flags, options.node);
        add_list_flags(
            flags, options.list,
            {.json = "Print JSON (the units with their health)", .quiet = "", .wide = ""});
      },
      run_components);
}

}  // namespace dcos
