// `dcos marathon`: the Marathon group and its own verbs, `about` and `ping`. The `marathon app`
// verbs live in marathon_app.cpp; group, pod, deployment and task commands follow.
#include <nlohmann/json.hpp>

#include "cli/output.hpp"
#include "cli/registry.hpp"

namespace dcos {
namespace {

struct AboutOptions {};

struct PingOptions {
  bool once = false;
};

Status run_about(const AboutOptions&, Context& context) {
  auto marathon = context.client(Service::marathon);
  if (!marathon) return marathon.error();
  auto response = marathon->get("/v2/info");
  if (!response) return response.error();
  auto info = nlohmann::json::parse(response->body, nullptr, false);
  if (info.is_discarded())
    return Error::make(ErrorKind::server, "Marathon's /v2/info did not answer with JSON");
  write_json(context.out, info);
  return Status::success();
}

/// Pings Marathon once per master, as the real CLI does (the masters come from Mesos-DNS).
Status run_ping(const PingOptions& options, Context& context) {
  size_t masters = 1;
  if (!options.once) {
    auto dcos = context.client(Service::admin_router);
    if (!dcos) return dcos.error();
    auto hosts = dcos->get("/mesos_dns/v1/hosts/master.mesos");
    if (!hosts) return hosts.error();
    auto list = nlohmann::json::parse(hosts->body, nullptr, false);
    if (list.is_array() && !list.empty()) masters = list.size();
  }
  auto marathon = context.client(Service::marathon);
  if (!marathon) return marathon.error();
  for (size_t i = 1; i <= masters; ++i) {
    auto pong = marathon->get("/ping");
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

}  // namespace

void register_marathon_commands(CommandTable& table) {
  table.group("marathon", {.summary = "Deploy and manage applications to DC/OS",
                           .description = "Talk to the cluster's Marathon."});
  table.verb<AboutOptions>(
      "marathon about",
      {.summary = "Print information about Marathon",
       .description = "Print Marathon's own description of itself (GET /v2/info) as JSON.",
       .needs = Needs::cluster},
      [](CLI::App&, AboutOptions&) {}, run_about);
  table.verb<PingOptions>(
      "marathon ping",
      {.summary = "Check that Marathon answers",
       .description = "Ping Marathon once for each master the cluster has (or once, with "
                      "--once).",
       .needs = Needs::cluster},
      [](CLI::App& app, PingOptions& options) {
        app.add_flag("--once", options.once, "Ping once, whatever the number of masters");
      },
      run_ping);
}

}  // namespace dcos
