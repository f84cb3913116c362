// Small string helpers shared by the client library and the commands: case-insensitive
// comparison, trimming, splitting, and the boolean spellings that the real CLI accepts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dcos {

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// `text` with every byte but letters, digits, "-._~" and those in `also_safe` percent-encoded.
std::string percent_encode(std::string_view text, std::string_view also_safe = {});

/// Parses the boolean spellings of Go's strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE
/// false False. Anything else is std::nullopt.
std::optional<bool> parse_bool(std::string_view s);

/// Parses a non-negative decimal integer that fits in int64; surrounding blanks not allowed.
std::optional<long long> parse_int(std::string_view s);

/// Edit distance between two words, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace dcos
