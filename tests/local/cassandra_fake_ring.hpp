// A Ring driven by hand for the Cassandra tests: a fake clock, three agents that offer enough
// for one node each, and shortcuts for the task updates and health reports the scheduler gets.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "local/cassandra/ring.hpp"

namespace dcos::testing {

using namespace dcos_local::cassandra;

inline RingConfig test_config() {
  RingConfig c;
  c.cluster_name = "dev";
  c.framework_name = "cassandra.dev";
  c.target_nodes = 3;
  c.target_seeds = 2;
  c.server = {3.0, 6144, 30720};
  c.heap_mb = 3072;
  c.health_interval_s = 15;
  c.bootstrap_grace_s = 15;
  return c;
}

class FakeRing {
 public:
  explicit FakeRing(RingConfig config = test_config())
      : ring(RingState{config, {}, {}, 0, 0, std::nullopt, {}}, 1.0, [this] { return now; }) {}

  int64_t now = 1431707000000;
  Ring ring;

  static std::string host(int agent) { return "127.0.0." + std::to_string(2 + agent); }

  Offer offer(int agent) const {
    Offer o;
    o.id = "offer-" + std::to_string(agent);
    o.agent_id = "S" + std::to_string(agent);
    o.hostname = host(agent);
    o.resources = {8, 16384, 65536};
    o.ports = {{7000, 10000}, {20000 + agent * 1000, 20999 + agent * 1000}};
    return o;
  }

  /// Offers from `agent` and reports every launched task running (an executor also reports
  /// its sandbox).
  std::vector<Launch> offer_from(int agent) {
    std::vector<Launch> launches = ring.offer(offer(agent));
    for (const Launch& l : launches) {
      update(l.task_id, "TASK_RUNNING");
      if (l.role == "metadata") ring.executor_started(l.task_id, "/sandbox/" + l.task_id);
    }
    return launches;
  }

  void update(const std::string& task_id, const std::string& state,
              const std::string& source = "SOURCE_EXECUTOR", const std::string& message = "") {
    ring.task_update({task_id, state, source, "", message, false});
  }

  std::string executor(int agent) const {
    const Node* n = ring.find(host(agent));
    return n && n->executor_id ? *n->executor_id : "";
  }

  void report(int agent, const std::string& mode, bool healthy = true) {
    HealthReport r;
    r.timestamp = now;
    r.healthy = healthy;
    HealthInfo info;
    info.version = "2.1.4";
    info.operation_mode = mode;
    info.cluster_name = "cassandra.dev";
    info.endpoint = host(agent);
    info.joined = mode == "NORMAL";
    info.native_transport_running = info.rpc_server_running = mode == "NORMAL";
    info.gossip_initialized = info.gossip_running = true;
    r.info = info;
    ring.record_health(executor(agent), r, 4242 + agent);
  }

  /// Every agent offers, round after round, with the clock past each bootstrap window, and
  /// every server reports NORMAL, until the three nodes run.
  void bring_up() {
    for (int round = 0; round < 10; ++round) {
      for (int agent = 0; agent < 3; ++agent) {
        offer_from(agent);
        const Node* n = ring.find(host(agent));
        if (n && n->task(kServer)) report(agent, "NORMAL");
      }
      now += ring.bootstrap_window_ms();
    }
    for (int agent = 0; agent < 3; ++agent) REQUIRE(ring.live(*ring.find(host(agent))));
  }
};

}  // namespace dcos::testing
