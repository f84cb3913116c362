// Mesos frameworks other than Marathon, hosted through the v1 scheduler HTTP API: the framework
// record the master keeps, its outstanding offers and the queue of RecordIO records that its
// SUBSCRIBE connection streams. The Cluster owns them; its mutex guards everything here except
// a stream's own queue, which has a lock of its own so that the connection waits without `mu`.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "local/util.hpp"

namespace dcos_local {

// Inclusive port ranges, as Mesos RANGES resources hold them.
using PortRanges = std::vector<std::pair<int, int>>;

// A set of resources of one agent (unreserved, role "*").
struct Resources {
  double cpus = 0, mem = 0, disk = 0;
  PortRanges ports;
};

struct Offer {
  std::string id;
  std::string agent_id;
  Resources resources;
};

// The records a SUBSCRIBE connection still has to send. The scheduler side pushes, the HTTP
// worker that holds the connection takes.
class FrameworkStream {
 public:
  void push(const json& event);
  // Waits up to `wait_ms` for records; `closed` tells the connection to end after them.
  std::vector<std::string> take(int wait_ms, bool& closed);
  void close();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> records_;
  bool closed_ = false;
};

struct Framework {
  std::string id, name, user, principal, role, hostname, webui_url;
  double failover_timeout = 0;  // seconds
  bool checkpoint = false;
  json capabilities = json::array();
  json labels = json::array();  // [{key, value}]
  int64_t registered_ms = 0, reregistered_ms = 0, unregistered_ms = 0;
  bool active = false, connected = false;
  bool suppressed = false;      // SUPPRESS: no offers until REVIVE
  int64_t disconnected_ms = 0;  // when the SUBSCRIBE stream went away
  std::string stream_id;        // of the current subscription
  std::shared_ptr<FrameworkStream> stream;
  int64_t next_heartbeat_ms = 0;
  std::map<std::string, Offer> offers;           // outstanding, by offer id
  std::map<std::string, int64_t> refused_until;  // agent id -> no offers before this time
};

// Mesos names: 15 s between HEARTBEAT events.
constexpr int kHeartbeatSeconds = 15;

// The port numbers of ranges, in order; at most `limit` of them.
std::vector<int> expand_ranges(const PortRanges& ranges, size_t limit = 100000);
// Ranges covering a sorted or unsorted list of ports.
PortRanges to_ranges(std::vector<int> ports);
// The v1 JSON resources of a Resources value (SCALAR cpus/mem/disk, RANGES ports, role "*").
json resources_v1(const Resources& r);
// Reads v1 JSON resources; unknown names are ignored.
Resources resources_from_v1(const json& list);

}  // namespace dcos_local
