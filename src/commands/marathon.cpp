// `dcos marathon`: the Marathon group and its small verbs: `about`, `ping`, `leader show|delete`,
// `plugin list` and `delay reset`. app, group, pod, deployment, task and debug have files of
// their own (marathon_*.cpp).
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/mesos_dns.hpp"
#include "commands/marathon_common.hpp"

namespace dcos {
namespace {

struct AboutOptions {};

struct PingOptions {
  bool once = false;
};

struct JsonOptions {
  bool json = false;
};

struct PluginListOptions {
  ListFlags list;
};

struct DelayOptions {
  std::string id;
};

Status run_about(const AboutOptions&, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto info = marathon->info();
  if (!info) return info.error();
  write_json(context.out, info->raw);
  return Status::success();
}

/// Pings Marathon once per master, as the real CLI does (the masters come from Mesos-DNS).
Status run_ping(const PingOptions& options, Context& context) {
  size_t masters = 1;
  if (!options.once) {
    auto dcos = context.client(Service::admin_router);
    if (!dcos) return dcos.error();
    auto hosts = MesosDnsClient(std::move(dcos).value()).hosts("master.mesos");
    if (!hosts) return hosts.error();
    if (!hosts->empty()) masters = hosts->size();
  }
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  for (size_t i = 1; i <= masters; ++i) {
    Status pong = marathon->ping();
    if (!pong) {
      Error error = pong.error();
      if (error.kind == ErrorKind::auth) return error;  // the login hint matters more
      return Error::make(error.kind, "unable to ping leading Marathon master " + std::to_string(i) +
                                         " time(s): " + error.message);
    }
  }
  context.out << "Marathon ping response[" << masters << "x]: \"pong\"\n";
  return Status::success();
}

Status run_leader_show(const JsonOptions& options, Context& context) {
  auto dcos = context.client(Service::admin_router);
  if (!dcos) return dcos.error();
  auto hosts = MesosDnsClient(std::move(dcos).value()).hosts("marathon.mesos");
  if (!hosts) return hosts.error();
  if (hosts->empty())
    return Error::make(ErrorKind::not_found, "Mesos-DNS knows no Marathon leader");
  if (options.json) {
    write_json(context.out, hosts->front().raw);
    return Status::success();
  }
  Table table({{"HOST", ColumnKind::identifier}, {"IP", ColumnKind::identifier}});
  for (const auto& host : *hosts) table.add_row({host.host, host.ip});
  table.print(context.out, context.table_width());
  return Status::success();
}

Status run_leader_delete(const AboutOptions&, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto message = marathon->abdicate_leader();
  if (!message) return message.error();
  context.out << *message << "\n";
  return Status::success();
}

Status run_plugin_list(const PluginListOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto plugins = marathon->plugins();
  if (!plugins) return plugins.error();
  ListRenderings renderings;
  renderings.json = [&]() -> Result<nlohmann::json> { return plugins->raw; };
  renderings.empty = [&] { return plugins->plugins.empty(); };
  renderings.none = "No plugins.";
  renderings.table = [&]() -> Status {
    Table table({{"ID", ColumnKind::identifier},
                 {"IMPLEMENTATION", ColumnKind::text},
                 {"PLUGIN", ColumnKind::text}});
    for (const auto& plugin : plugins->plugins)
      table.add_row({plugin.id, plugin.implementation, plugin.plugin});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

Status run_delay_reset(const DelayOptions& options, Context& context) {
  auto id = validate_id(options.id, IdKind::app);
  if (!id) return id.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  if (Status reset = marathon->reset_delay(*id); !reset) return reset;
  context.out << "Launch delay of '" << *id << "' reset\n";
  return Status::success();
}

}  // namespace

void register_marathon_commands(CommandTable& table) {
  table.verb<AboutOptions>(
      "marathon about",
      {.summary = "Print information about Marathon",
       .description = "Print Marathon's own description of itself (GET /v2/info) as JSON.",
       .needs = Needs::cluster},
      [](Flags&, AboutOptions&) {}, run_about);
  table.verb<PingOptions>(
      "marathon ping",
      {.summary = "Check that Marathon answers",
       .description = "Ping Marathon once for each master the cluster has (or once, with "
                      "--once).",
       .needs = Needs::cluster},
      [](Flags& app, PingOptions& options) {
        app.add_flag("--once", options.once, "Ping once, whatever the number of masters");
      },
      run_ping);
  table.group("marathon leader", {.summary = "Find or replace the leading Marathon"});
  table.verb<JsonOptions>(
      "marathon leader show",
      {.summary = "Show the leading Marathon",
       .description = "Print the leading Marathon's host and IP as Mesos-DNS knows them.",
       .needs = Needs::cluster},
      [](Flags& app, JsonOptions& options) {
        app.add_flag("--json", options.json, "Print the leader as a JSON object");
      },
      run_leader_show);
  table.verb<AboutOptions>(
      "marathon leader delete",
      {.summary = "Make the leading Marathon step down",
       .description = "Ask the leading Marathon to abdicate; another instance is elected.",
       .needs = Needs::cluster},
      [](Flags&, AboutOptions&) {}, run_leader_delete);
  table.group("marathon plugin", {.summary = "Inspect Marathon's plugins"});
  table.verb<PluginListOptions>(
      "marathon plugin list",
      {.summary = "List the plugins Marathon loaded", .needs = Needs::cluster},
      [](Flags& app, PluginListOptions& options) {
        add_list_flags(app, options.list, {.json = "Print Marathon's answer as JSON"});
      },
      run_plugin_list);
  table.group("marathon delay", {.summary = "Manage launch delays"});
  table.verb<DelayOptions>(
      "marathon delay reset",
      {.summary = "Launch an app's or pod's waiting instances now",
       .description = "Reset the backoff delay Marathon applies after failed launches.",
       .arguments = "<app-or-pod-id>",
       .needs = Needs::cluster},
      [](Flags& app, DelayOptions& options) {
        app.add_option("id", options.id, "The app's or pod's id")->required();
      },
      run_delay_reset);
  register_marathon_app_commands(table);
  register_marathon_app_change_commands(table);
  register_marathon_app_diff_command(table);
  register_marathon_group_commands(table);
  register_marathon_pod_commands(table);
  register_marathon_deployment_commands(table);
  register_marathon_task_commands(table);
  register_marathon_debug_commands(table);
}

}  // namespace dcos
