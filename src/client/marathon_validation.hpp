// Marathon's validation answers (HTTP 422/400, spec §2.3-2.5) in words. Marathon lists each
// problem as a path and play-json message keys ("/cpus": ["error.min"]) without the rule or the
// value; the lines made here name both, taking the value from the definition that was sent and
// the rule from client/app_schema.hpp: "/cpus: must be at least 0.001, got -1". Sentences
// Marathon writes itself, and codes not known here, are kept as they are.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace dcos {

/// A path of Marathon's ("/healthChecks(0)/protocol", "/(1)/cpus", "") as a JSON pointer
/// ("/healthChecks/0/protocol", "/1/cpus", "/").
std::string validation_pointer(std::string_view path);

/// One error of the field at `pointer` in words; `given` is the value sent there, or null when
/// it was not sent.
std::string validation_sentence(std::string_view code, std::string_view pointer,
                                const nlohmann::json* given);

/// The `details` array of a validation answer as "<pointer>: <sentence>" lines, one per error,
/// with the values looked up in `sent` (the body of the request; null when there was none).
std::vector<std::string> validation_lines(const nlohmann::json& details,
                                          const nlohmann::json& sent);

}  // namespace dcos
