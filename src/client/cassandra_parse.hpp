// How the Cassandra client turns the scheduler's JSON answers into the typed views of
// cassandra.hpp (for the client's own files only). Every reader is lenient: a field that is
// absent, null or of another type reads as the view's default, and a boolean written as the
// text "true"/"false" (as the upstream docs' examples do) reads as that boolean.
#pragma once

#include <nlohmann/json.hpp>

#include "client/cassandra.hpp"

namespace dcos::cassandra_parse {

/// The boolean at `key`: a JSON boolean, or the text "true"/"false"; false otherwise.
bool bool_field(const nlohmann::json& object, const char* key);

CassandraNodes nodes(nlohmann::json&& raw);
CassandraNode node(const nlohmann::json& raw);
CassandraConfig config(nlohmann::json&& raw);
/// A job object (`null` or not an object: nullopt).
std::optional<CassandraJobRun> job_run(const nlohmann::json& raw);
/// A status (`flag_key` "running") or last (`flag_key` "present") answer of a job whose object
/// is under `job_key` (repair, cleanup, clusterRestart).
CassandraJobState job_state(nlohmann::json&& raw, const char* flag_key, const char* job_key);
CassandraSeeds seeds(nlohmann::json&& raw);
CassandraLiveNodes live_nodes(nlohmann::json&& raw);
CassandraHealthReport health_report(nlohmann::json&& raw);
CassandraNodeState node_state(nlohmann::json&& raw);
CassandraReplace replace(nlohmann::json&& raw);
CassandraSeedChange seed_change(nlohmann::json&& raw);
CassandraRackDc rack_dc(nlohmann::json&& raw);
CassandraQaReport qa_report(nlohmann::json&& raw);

}  // namespace dcos::cassandra_parse
