// The ring's persisted state, the emulator's ZooKeeper znodes: one JSON file written atomically
// under $DCOS_LOCAL_STATE/cassandra-mesos/<N>/, and the configuration the env gives on a
// first start (§3.3).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "local/cassandra/ring_types.hpp"

namespace dcos_local::cassandra {

using Env = std::function<std::optional<std::string>(const std::string&)>;

/// The configuration from CASSANDRA_* variables; an error text for a bad value or for more
/// seeds than nodes (the scheduler refuses to start then).
struct ConfigFromEnv {
  RingConfig config;
  std::string error;
};
ConfigFromEnv config_from_env(const Env& env);

nlohmann::json state_to_json(const RingState& state);
/// nullopt for a document that is not a ring state.
std::optional<RingState> state_from_json(const nlohmann::json& doc);

/// Reads `<dir>/state.json`; nullopt when absent or unreadable.
std::optional<RingState> load_state(const std::string& dir);
/// Writes `<dir>/state.json` through a temporary file and a rename; false on failure.
bool save_state(const std::string& dir, const std::string& text);

}  // namespace dcos_local::cassandra
