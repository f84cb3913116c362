// The draft-4 evaluation behind jsonschema::validate: one Validator per schema, which walks a
// schema and an instance together and collects Problems. Recursion is bounded: every nested
// evaluation (a property, an item, a `$ref`, a combinator branch) counts one level, and past
// `max_depth` the walk stops with a "depth" problem instead of growing the stack. Internal.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jsonschema/json_schema.hpp"
#include "jsonschema/schema_index.hpp"

namespace jsonschema::detail {

class Validator {
 public:
  Validator(const nlohmann::json& schema, size_t max_depth);

  std::vector<Problem> run(const nlohmann::json& instance);

 private:
  /// A subschema and where it stands: its JSON pointer in the root, and the base URI in force
  /// around it (before its own `id`).
  struct Place {
    const nlohmann::json* schema;
    std::string pointer;
    std::string base;
  };
  /// What one evaluation works on.
  struct Step {
    const nlohmann::json& schema;
    const std::string& schema_pointer;
    const std::string& base;  ///< after the schema's own `id`
    const nlohmann::json& instance;
    const std::string& pointer;
    size_t depth;
    std::vector<Problem>& out;
  };

  void evaluate(const Place& place, const nlohmann::json& instance, const std::string& pointer,
                size_t depth, std::vector<Problem>& out);
  /// `schema[keyword]` (or `schema[keyword][index]`) as a child place of `step`.
  Place child(const Step& step, const std::string& keyword) const;
  Place child(const Step& step, const std::string& keyword, const std::string& key) const;
  bool matches(const Place& place, const nlohmann::json& instance, const std::string& pointer,
               size_t depth, std::vector<Problem>* problems = nullptr);
  void add(const Step& step, const std::string& keyword, std::string expected,
           std::string given) const;

  void check_reference(const Step& step);
  void check_type_and_enum(const Step& step);
  void check_number(const Step& step);
  void check_string(const Step& step);
  void check_array(const Step& step);
  void check_object(const Step& step);
  void check_dependencies(const Step& step);
  void check_combinators(const Step& step);
  void check_alternatives(const Step& step, const std::string& keyword);

  /// The compiled pattern, or null when the schema's pattern is not a valid ECMAScript regex.
  const std::regex* pattern(const std::string& source);
  /// Whether `text` contains a match of the pattern; null when it cannot be decided (invalid
  /// pattern, input too long for the backtracking matcher).
  std::optional<bool> search(const std::string& source, const std::string& text);

  const nlohmann::json& schema_;
  size_t max_depth_;
  SchemaIndex index_;
  std::map<std::string, std::unique_ptr<std::regex>> patterns_;
  std::optional<Problem> too_deep_;
};

}  // namespace jsonschema::detail
