// How the Marathon client turns each of Marathon's JSON answers into its typed view (for the
// client's own files only; commands see the views in marathon.hpp). Every reader is lenient: a
// field that is absent, null or of another type reads as the view's default, so one odd field
// never costs the whole answer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/json_fields.hpp"
#include "client/marathon.hpp"

namespace dcos::marathon_parse {

using json_fields::integer_field;
using json_fields::number_field;
using json_fields::string_field;
using json_fields::string_list;

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
