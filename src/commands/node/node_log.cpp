// `dcos node log [<mesos-id>] [--leader]`: the journal of the leading master or of an agent
// (every DC/OS component's entries, or one component's with --component), through the DC/OS
// log API, in the short, cat, json or json-pretty format; --follow keeps printing new entries
// until Ctrl-C.
#include <algorithm>
#include <cstdlib>

#include "cli/command_table.hpp"
#include "commands/component_log.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct LogOptions {
  NodeChoiceFlags node;
  long long lines = 10;
  bool all = false;
  bool follow = false;
  std::string component;
  std::vector<std::string> filters;
  std::string output = "short";
};

/// A filter is FIELD:value, with exactly one ':' (as the real CLI checks).
Status check_filters(const std::vector<std::string>& filters) {
  for (const auto& filter : filters)
    if (std::count(filter.begin(), filter.end(), ':') != 1)
      return Error::make(ErrorKind::usage,
                         "invalid filter argument " + filter + ", must be --filter=key:value");
  return Status::success();
}

/// The systemd unit of a --component value: "<name>.service", unless it names one already.
std::string unit_of(const std::string& component) {
  if (component.empty()) return "";
  const std::string suffix = ".service";
  if (component.size() > suffix.size() &&
      component.compare(component.size() - suffix.size(), suffix.size(), suffix) == 0)
    return component;
  return component + suffix;
}

Status run_log(const LogOptions& options, Context& context) {
  auto choice = choose_node(context, options.node);
  if (!choice) return choice.error();
  if (auto checked = check_filters(options.filters); !checked.ok()) return checked;
  auto format = parse_log_format(options.output);
  if (!format) return format.error();

  ComponentLogQuery query;
  query.unit = unit_of(options.component);
  query.lines = options.all ? 0 : std::llabs(options.lines);
  query.filters = options.filters;
  if (choice->leader) {
    query.route = "/leader/mesos";
  } else {
    auto agent = find_agent(context, choice->pattern);
    if (!agent) return agent.error();
    query.route = "/agent/" + agent->id;
  }
  return print_component_log(query, *format, options.follow, context);
}

}  // namespace

void register_node_log(CommandTable& table) {
  table.verb<LogOptions>(
      "node log",
      {.summary = "Print logs for the leading master node or agent nodes",
       .description =
           "Print the last entries of the journal of the leading master (--leader) or of an\n"
           "agent (its Mesos id, or a unique part of it): every DC/OS component's entries, or\n"
           "one component's with --component (dcos-mesos-master, dcos-marathon, ...).\n"
           "--filter keeps the entries whose journal FIELD is value (repeatable; all must\n"
           "match). --follow keeps printing new entries until Ctrl-C (exit 130) and survives\n"
           "dropped connections. -o picks the format: short (time in UTC, identifier, PID and\n"
           "message; coloured by priority on a terminal), cat (the message alone), json or\n"
           "json-pretty (journalctl's keys). A cluster without the DC/OS log API, or no entry\n"
           "matching, is an error (exit 3).",
       .arguments = "[<mesos-id>]",
       .examples = "    dcos node log --leader\n"
                   "    dcos node log --leader --component dcos-marathon --lines 50\n"
                   "    dcos node log 2e4a-S1 --filter PRIORITY:4 -o json\n"
                   "    dcos node log --leader --follow\n",
       .needs = Needs::cluster},
      [](Flags& flags, LogOptions& options) {
        add_node_choice_flags(flags, options.node);
        flags.add_option("--lines", options.lines, "How many of the last entries (default 10)")
            ->type_name("<n>");
        flags.add_flag("--all", options.all, "Print every entry there is");
        flags.add_flag("--follow", options.follow, "Keep printing new entries until Ctrl-C");
        flags
            .add_option("--component", options.component,
                        "Only this DC/OS component's entries (its systemd unit without .service)")
            ->type_name("<name>");
        flags
            .add_option("--filter", options.filters,
                        "Only entries whose journal FIELD is value, as FIELD:value; repeatable")
            ->type_name("<field:value>")
            ->one_value_each();
        flags
            .add_option("-o,--output", options.output,
                        "The format: short (default), cat, json or json-pretty")
            ->type_name("<format>");
      },
      run_log);
}

}  // namespace dcos
