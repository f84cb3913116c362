// Definitions as users write them: a JSON or YAML document (told apart by content), or a list
// of key=value properties typed the way the real CLI types them. Errors point at the line and
// column of the problem, so a bad file is fixed without guessing; nothing here touches the
// network, so invalid input never reaches a cluster.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// Parses `text` as JSON when its first non-blank character is '{' or '[', else as YAML
/// (plain YAML scalars are typed by the YAML 1.2 core schema; quoted ones stay strings).
/// `source` names the input in errors ("app.json", "stdin"). An empty document is an error.
Result<nlohmann::json> parse_definition(std::string_view text, std::string_view source);

/// The value of one property: an integer, a float, true/false (any case), null, a JSON array
/// or object, else the text itself; surrounding quotes are removed first.
nlohmann::json property_value(std::string_view text);

/// Turns `key=value` items into a JSON object (split at the first '='; quotes around key and
/// value removed). A missing '=' or a key given twice is an invalid-input Error.
Result<nlohmann::json> parse_properties(const std::vector<std::string>& items);

}  // namespace dcos
