// How the Marathon client turns each of Marathon's JSON answers into its typed view (for the
// client's own files only; commands see the views in marathon.hpp). Every reader is lenient: a
// field that is absent, null or of another type reads as the view's default, so one odd field
// never costs the whole answer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/marathon.hpp"

namespace dcos::marathon_parse {

/// The text at `key`; "" when absent or not text.
std::string string_field(const nlohmann::json& object, const char* key);
/// The number at `key`; 0 when absent or not a number.
double number_field(const nlohmann::json& object, const char* key);
/// The number at `key`, fractions cut; nullopt when absent or not a number.
std::optional<long long> integer_field(const nlohmann::json& object, const char* key);
/// The text entries of the list at `key`.
std::vector<std::string> string_list(const nlohmann::json& object, const char* key);

MarathonApp app(nlohmann::json&& raw);
MarathonDeployment deployment(const nlohmann::json& raw);
QueueItem queue_item(const nlohmann::json& raw);
MarathonTask task(nlohmann::json&& raw);
MarathonPodStatus pod_status(nlohmann::json&& raw);
/// A group answer (an object); its `raw` keeps the whole document.
MarathonGroup group(nlohmann::json&& raw);
/// The answer to a kill: the object entries of its `tasks`, and its `deploymentId`.
KilledTasks killed_tasks(nlohmann::json&& raw);

}  // namespace dcos::marathon_parse
