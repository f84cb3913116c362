// Durations as people type them: a number of seconds, or numbers with units (500ms, 90s, 5m,
// 1h, 1m30s). Used by every wait limit and grace period of the CLI.
#pragma once

#include <chrono>
#include <string_view>

#include "client/error.hpp"

namespace dcos {

/// Parses a duration: 90 (seconds), 90s, 500ms, 5m, 1h, 1m30s. Zero or less is refused (a usage
/// Error, since the text comes from the command line).
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace dcos
