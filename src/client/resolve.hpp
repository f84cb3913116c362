// The one id resolver every command that names a task, agent, framework or instance uses.
// A pattern names one thing when it is, in this order of preference: an exact id; the only id
// it begins; the only id it matches as a glob (*, ?, [...]); the only id that contains it.
// Several candidates at the first level that has any is an `ambiguous` Error listing them
// (exit 6 everywhere); none at all is `not_found`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// Whether `id` contains `pattern` or matches it as a glob; an empty pattern matches all.
/// This is the filter of the list commands (`task list web`), which keep every match.
bool id_matches(std::string_view id, std::string_view pattern);

/// Finds `wanted` among `ids` (see above) and returns its index in `ids`. `what` is the word
/// for the thing ("task"); it names the candidates in the ambiguity error.
Result<size_t> resolve_index(std::string_view wanted, const std::vector<std::string>& ids,
                             std::string_view what);

/// resolve_index, returning the id itself.
Result<std::string> resolve_id(std::string_view wanted, const std::vector<std::string>& ids,
                               std::string_view what);

/// The ambiguity error for `wanted` and its candidates (at most 10 are named).
Error ambiguous_id(std::string_view wanted, std::vector<std::string> candidates,
                   std::string_view what);

}  // namespace dcos
