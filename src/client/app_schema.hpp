// What a Marathon app definition may contain, as this client knows it: the fields of Marathon's
// AppDefinition (the RAML types of Marathon 1.11 plus the older JSON schema's deprecated fields,
// and the read-only fields a GET returns, so an `app show` document can be sent back), their
// minimums, maximums and allowed values. Used to refuse a typo before it reaches a cluster (where
// Marathon would silently drop it), to apply dotted keys (`container.docker.image=nginx`) to the
// nested object they name, and to put Marathon's validation codes into words.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos::app_schema {

/// A field a definition names that an app does not have.
struct UnknownField {
  std::vector<std::string> path;        ///< where it is: {"container", "docker", "imgae"}
  std::vector<std::string> suggestion;  ///< the closest known field, whole path; empty if none
};

/// The fields of `value` (placed at `at`, e.g. {} for a whole app) that an app does not have, at
/// every level whose fields are known; maps of free keys (env, labels, secrets) are not checked.
std::vector<UnknownField> unknown_fields(const nlohmann::json& value,
                                         const std::vector<std::string>& at = {});

/// The path a dotted key names: split at dots, except below a map of free keys, where the rest
/// is one key (`env.LOG.LEVEL` is {"env", "LOG.LEVEL"}).
std::vector<std::string> dotted_path(std::string_view key);

/// The unknown fields among `changes`' keys (dotted keys checked segment by segment) and inside
/// their values.
std::vector<UnknownField> unknown_changes(const nlohmann::json& changes);

/// `changes` with every dotted key applied to a copy of the field it starts with, taken from
/// `current` (the app as the server has it): the result has top-level keys only, each the whole
/// new value of that field. A path through a value that is no object, or an array index past
/// the end, is an invalid-input Error.
Result<nlohmann::json> apply_dotted(const nlohmann::json& changes, const nlohmann::json& current);

/// What an app definition requires of one field.
struct FieldRule {
  std::optional<double> minimum;
  std::optional<double> maximum;
  std::vector<std::string> values;  ///< the allowed values of an enumeration, in their order
};

/// The rule of the field at JSON pointer `pointer` of an app definition ("/cpus",
/// "/healthChecks/0/protocol"), or of an app inside a group or a list of apps
/// ("/apps/1/cpus", "/0/cpus"); nullopt when there is nothing to say.
std::optional<FieldRule> rule_at(std::string_view pointer);

}  // namespace dcos::app_schema
