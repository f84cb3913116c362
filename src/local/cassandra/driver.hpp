// The scheduler's link to the Mesos master (contract B of issue 12) and to its node processes:
// it subscribes, turns OFFERS into ring decisions and ACCEPT/DECLINE calls, UPDATEs into task
// states, sends KILLs, and polls each node (executor sandbox, server health every interval,
// job progress) as the real executor's messages would tell the scheduler.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "local/cassandra/api.hpp"
#include "local/cassandra/mesos_calls.hpp"

namespace dcos_local::cassandra {

class Driver {
 public:
  /// `persist` saves the ring's state; it is called with the ring's lock held.
  Driver(RingHost& host, std::string master_url, std::function<void()> persist);

  /// The token dcos-local gives its tasks when it requires logins (DCOS_LOCAL_TOKEN), sent as
  /// `Authorization: token=…` with every call to the master; empty: none is sent.
  void set_token(std::string token) { token_ = std::move(token); }

  /// Subscribes and reads events until `running` turns false, subscribing again whenever the
  /// stream ends.
  void run_subscription(const std::atomic<bool>& running);
  /// Kills, ticks and polls the nodes until `running` turns false.
  void run_poller(const std::atomic<bool>& running);

 private:
  void handle(const json& event);
  void subscribed(const std::string& framework_id);
  void post(const json& call);
  void poll_nodes(bool health_due);
  double refuse_seconds() const;

  RingHost& host_;
  std::string master_;
  std::function<void()> persist_;
  std::mutex stream_mutex_;
  std::string stream_id_;
  // Tasks the ring knew before a re-subscription and the master has not confirmed yet.
  std::set<std::string> unconfirmed_;
  std::chrono::steady_clock::time_point reconcile_deadline_;
  std::string token_;
};

}  // namespace dcos_local::cassandra
