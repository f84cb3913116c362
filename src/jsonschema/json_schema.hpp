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
  std::string pointer;   ///< JSON pointer of the offending value in the instance ("" = the root)
  std::string keyword;   ///< the schema keyword that failed: "type", "required", "minimum", …
  std::string expected;  ///< what the schema asks for, in words: "integer", "at least 15", …
  std::string given;     ///< what the instance holds, in words: "string \"abc\"", "3"; may be ""
  std::string schema_pointer;  ///< JSON pointer of the failing keyword's schema
};

/// Every problem of `instance` against the draft-4 `schema`, in the order the schema's keywords
/// are checked; empty when it is valid. `$ref` is resolved inside `schema` (JSON pointer
/// fragments, `#`, and `id`s, relative ones included); a reference to another document is not
/// fetched and counts as satisfied (remote_references() lists them). `format` is not checked,
/// as draft 4 allows, and `default` plays no part. Deeply nested input does not overflow the
/// stack: an evaluation nested more than `max_depth` levels (each property, item, `$ref` and
/// combinator branch is one) stops there with a problem of keyword "depth".
///
/// Problems of `required`, `additionalProperties: false` and property `dependencies` point at
/// the object (not at the member): for them `expected` is the missing name (required,
/// dependencies) or the list of allowed names (additionalProperties), and `given` the
/// offending name (additionalProperties) or the name that has the dependency.
std::vector<Problem> validate(const nlohmann::json& schema, const nlohmann::json& instance,
                              size_t max_depth = 256);

/// The `$ref`s of `schema` that name another document, which validate() does not follow.
std::vector<std::string> remote_references(const nlohmann::json& schema);

/// One line for a person: `<path>: expected <expected>, got <given>` (`, got …` only when
/// given), or for the object-level problems `<path>: missing required option 'x'`,
/// `<path>: unknown option 'x' (allowed: a, b)`, `<path>: option 'x' requires option 'y'`.
/// The path is dotted (`cassandra.resources.cpus`, `ports[2]`; `(root)` for the top).
std::string describe(const Problem& problem);

/// The object of defaults that `schema` declares: every property with a `default`, nested
/// through `properties` of object schemas (as Cosmos extracts them before merging options): a
/// property with `default` gives that value; one without, but with `properties` of its own,
/// gives its nested defaults when there are any.
nlohmann::json defaults(const nlohmann::json& schema);

/// `overlay` merged over `base`: objects merge key by key, recursively; anything else in
/// `overlay` (arrays included) replaces the value of `base`.
nlohmann::json merge(nlohmann::json base, const nlohmann::json& overlay);

}  // namespace jsonschema
