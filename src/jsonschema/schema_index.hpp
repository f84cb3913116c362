// Where a `$ref` leads inside one schema document. Draft 4 resolves a reference as a URI against
// the base URI in force at the reference, which the `id`s of enclosing schemas set; the target is
// then a JSON pointer fragment of a known document, or a subschema whose own `id` names it. This
// index is built once per schema, by an iterative walk, and answers those lookups; references to
// documents the schema does not contain are "remote" and left to the caller (the validator skips
// them). Internal to the library.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace jsonschema::detail {

/// `reference` resolved against `base` as RFC 3986 §5.2 does (both may be relative or empty).
std::string resolve_uri(const std::string& base, const std::string& reference);

/// `token` escaped for a JSON pointer (`~` → `~0`, `/` → `~1`).
std::string escape_pointer_token(const std::string& token);

class SchemaIndex {
 public:
  enum class Outcome { found, remote, unresolvable };

  /// A reference's target: the subschema, the base URI in force where it stands (before its
  /// own `id`), and its JSON pointer inside the root schema (as far as known).
  struct Target {
    Outcome outcome = Outcome::unresolvable;
    const nlohmann::json* schema = nullptr;
    std::string base;
    std::string pointer;
    std::string uri;  ///< the reference as an absolute (or root-relative) URI
  };

  explicit SchemaIndex(const nlohmann::json& root);

  /// The target of `reference`, written in a schema whose base URI is `base`.
  Target resolve(const std::string& base, const std::string& reference) const;

  /// Every `$ref` of the schema that points outside it, as written, in walk order, once each.
  std::vector<std::string> remote_references() const;

 private:
  struct Place {
    std::string parent_base;
    std::string pointer;
  };
  struct Reference {
    std::string base;
    std::string text;
  };

  Target found(const nlohmann::json* schema, const std::string& uri,
               const std::string& fallback_base, const std::string& fallback_pointer) const;

  std::unordered_map<const nlohmann::json*, Place> places_;
  std::map<std::string, const nlohmann::json*> documents_;  ///< URIs without fragment
  std::map<std::string, const nlohmann::json*> anchors_;    ///< `id`s with a fragment
  std::vector<Reference> references_;
};

}  // namespace jsonschema::detail
