// A JSON Schema draft-4 validator, with the default filling and deep merge that package
// options need. It is a generic library, like a third-party one: both the client (which checks
// `--options` before anything is sent) and dcos-local's Cosmos (which checks them again, as the
// real Cosmos does) use it, and it is proven against the official JSON-Schema-Test-Suite
// (Debian's json-schema-test-suite), not against either of them. It knows nothing of DC/OS.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jsonschema {

/// One way in which an instance fails its schema.
struct Problem {
  std::string pointer;  ///< JSON pointer of the offending value in the instance ("" = the root)
  std::string keyword;  ///< the schema keyword that failed: "type", "required", "minimum", …
  std::string expected;  ///< what the schema asks for, in words: "integer", "at least 15", …
  std::string given;     ///< what the instance holds, in words: "string \"abc\"", "3"; may be ""
  std::string schema_pointer;  ///< JSON pointer of the failing keyword's schema
};

/// Every problem of `instance` against the draft-4 `schema`, in document order; empty when it
/// is valid. `$ref` is resolved inside `schema` (fragments and `id`s); remote references and
/// `format` are not checked (see json_schema.cpp for the keywords it skips). Deeply nested
/// input does not overflow the stack: past `max_depth` levels it is a problem of its own.
std::vector<Problem> validate(const nlohmann::json& schema, const nlohmann::json& instance,
                              size_t max_depth = 256);

/// One line for a problem: `<path>: expected <expected>, got <given>`, where path is dotted
/// (`cassandra.resources.cpus`, `ports[2]`; `(root)` for the top).
std::string describe(const Problem& problem);

/// The object of defaults that `schema` declares: every property with a `default`, nested
/// through `properties` of object schemas (as Cosmos extracts them before merging options).
nlohmann::json defaults(const nlohmann::json& schema);

/// `overlay` merged over `base`: objects merge key by key, recursively; anything else in
/// `overlay` (arrays included) replaces the value of `base`.
nlohmann::json merge(nlohmann::json base, const nlohmann::json& overlay);

}  // namespace jsonschema
