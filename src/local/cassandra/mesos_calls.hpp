// The scheduler's side of the Mesos v1 scheduler API (JSON): events read into ring inputs,
// and the calls the scheduler sends (SUBSCRIBE, ACCEPT, DECLINE, KILL, ACKNOWLEDGE, RECONCILE).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {

using json = nlohmann::json;

Offer offer_from_json(const json& offer);
/// The update's status, with its agent id and uuid (for ACKNOWLEDGE; empty when absent).
struct StatusEvent {
  TaskUpdate update;
  std::string agent_id, uuid;
};
StatusEvent status_from_json(const json& status);

json subscribe_call(const RingConfig& config, const std::string& user);
json accept_call(const std::string& framework_id, const Offer& offer,
                 const std::vector<Launch>& launches, const std::string& role,
                 double refuse_seconds);
json decline_call(const std::string& framework_id, const std::string& offer_id,
                  double refuse_seconds);
json kill_call(const std::string& framework_id, const Kill& kill);
json acknowledge_call(const std::string& framework_id, const StatusEvent& status);
json reconcile_call(const std::string& framework_id);

}  // namespace dcos_local::cassandra
