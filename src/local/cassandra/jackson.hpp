// The two ways the 2015 scheduler (Jersey + Jackson 2.3) wrote JSON: Jackson's default pretty
// printer ("key" : value, two-space indent, arrays inline, no trailing newline) and compact.
// Both keep the insertion order of the keys, as the scheduler's streaming generator did.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace dcos_local::cassandra {

using ojson = nlohmann::ordered_json;

/// Jackson's DefaultPrettyPrinter: objects break lines, arrays stay on one line
/// (`[ "a", "b" ]`, `[ ]`), empty objects are `{ }`, and there is no final newline.
std::string pretty(const ojson& value);

/// Jackson's compact form: no spaces at all (`{"healthy":true}`).
std::string compact(const ojson& value);

}  // namespace dcos_local::cassandra
