// The one id resolver every command that names a task (or an instance) uses: an exact id wins,
// else a unique prefix, else the error lists the candidates so the user can pick one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// Finds `wanted` among `ids`: the exact id, else the only id starting with `wanted`. No match
/// is a not_found Error; several matches are an invalid-input Error naming them (at most
/// 10). `what` is the word for the thing ("task").
Result<std::string> resolve_id(std::string_view wanted, const std::vector<std::string>& ids,
                               std::string_view what);

}  // namespace dcos
