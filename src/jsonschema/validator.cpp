// The core of the draft-4 walk: `$ref`, `type`, `enum` and the combinators (allOf, anyOf, oneOf,
// not). The keywords of each instance type are in validator_keywords.cpp.
#include "jsonschema/validator.hpp"

#include "jsonschema/json_values.hpp"

namespace jsonschema::detail {
namespace {

using nlohmann::json;

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") return is_integer(value);
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

std::string type_words(const std::string& type) {
  if (type == "integer") return "an integer";
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "null") return "null";
  return "a " + type;
}

/// A dotted path below `from` for the pointer `to` (which starts with `from`): "" when equal.
std::string relative_path(const std::string& from, const std::string& to) {
  std::string rest = to.substr(from.size());
  std::string path;
  size_t start = 1;
  while (start <= rest.size() && !rest.empty()) {
    auto end = rest.find('/', start);
    std::string token = rest.substr(start, end == std::string::npos ? end : end - start);
    path += (path.empty() ? "" : ".") + token;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return path;
}

/// What a failed branch of anyOf/oneOf asked for, in a few words, relative to `at`.
std::string branch_expectation(const std::vector<Problem>& problems, const std::string& at) {
  if (problems.empty()) return "(unknown)";
  const Problem& problem = problems.front();
  std::string where = relative_path(at, problem.pointer);
  std::string words;
  if (problem.keyword == "required") {
    words = "option '" + problem.expected + "'";
  } else if (problem.keyword == "additionalProperties") {
    words = "no option '" + problem.given + "'";
  } else if (problem.keyword == "dependencies") {
    words = "option '" + problem.expected + "' with '" + problem.given + "'";
  } else {
    words = problem.expected;
  }
  return where.empty() ? words : where + " " + words;
}

}  // namespace

Validator::Validator(const json& schema, size_t max_depth)
    : schema_(schema), max_depth_(max_depth), index_(schema) {}

std::vector<Problem> Validator::run(const json& instance) {
  too_deep_.reset();
  std::vector<Problem> problems;
  evaluate(Place{&schema_, "", ""}, instance, "", 0, problems);
  if (too_deep_) {
    bool reported = false;
    for (const Problem& problem : problems) reported = reported || problem.keyword == "depth";
    if (!reported) problems.push_back(*too_deep_);
  }
  return problems;
}

void Validator::evaluate(const Place& place, const json& instance, const std::string& pointer,
                         size_t depth, std::vector<Problem>& out) {
  if (depth > max_depth_) {
    Problem problem{pointer, "depth",
                    "at most " + std::to_string(max_depth_) + " levels of nesting",
                    "deeper nesting", place.pointer};
    if (!too_deep_) too_deep_ = problem;
    out.push_back(std::move(problem));
    return;
  }
  const json& schema = *place.schema;
  if (!schema.is_object()) return;
  std::string base = place.base;
  if (auto id = schema.find("id"); id != schema.end() && id->is_string()) {
    base = resolve_uri(base, id->get<std::string>());
  }
  Step step{schema, place.pointer, base, instance, pointer, depth, out};
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    check_reference(step);  // draft 4: a reference replaces every keyword beside it
    return;
  }
  check_type_and_enum(step);
  if (instance.is_number()) check_number(step);
  if (instance.is_string()) check_string(step);
  if (instance.is_array()) check_array(step);
  if (instance.is_object()) check_object(step);
  check_combinators(step);
}

Validator::Place Validator::child(const Step& step, const std::string& keyword) const {
  return Place{&step.schema[keyword], step.schema_pointer + "/" + escape_pointer_token(keyword),
               step.base};
}

Validator::Place Validator::child(const Step& step, const std::string& keyword,
                                  const std::string& key) const {
  const json& holder = step.schema[keyword];
  const json* node =
      holder.is_array() ? &holder[static_cast<size_t>(std::stoul(key))] : &holder[key];
  return Place{
      node,
      step.schema_pointer + "/" + escape_pointer_token(keyword) + "/" + escape_pointer_token(key),
      step.base};
}

bool Validator::matches(const Place& place, const json& instance, const std::string& pointer,
                        size_t depth, std::vector<Problem>* problems) {
  std::vector<Problem> found;
  evaluate(place, instance, pointer, depth, problems != nullptr ? *problems : found);
  return problems != nullptr ? problems->empty() : found.empty();
}

void Validator::add(const Step& step, const std::string& keyword, std::string expected,
                    std::string given) const {
  step.out.push_back(Problem{step.pointer, keyword, std::move(expected), std::move(given),
                             step.schema_pointer + "/" + escape_pointer_token(keyword)});
}

void Validator::check_reference(const Step& step) {
  const auto& reference = step.schema["$ref"].get_ref<const std::string&>();
  SchemaIndex::Target target = index_.resolve(step.base, reference);
  switch (target.outcome) {
    case SchemaIndex::Outcome::found:
      evaluate(Place{target.schema, target.pointer, target.base}, step.instance, step.pointer,
               step.depth + 1, step.out);
      break;
    case SchemaIndex::Outcome::remote:
      break;  // not fetched: remote_references() lists these
    case SchemaIndex::Outcome::unresolvable:
      add(step, "$ref", "a reference to a part of the schema", value_words(json(reference)));
      break;
  }
}

void Validator::check_type_and_enum(const Step& step) {
  if (auto type = step.schema.find("type"); type != step.schema.end()) {
    std::vector<std::string> types;
    if (type->is_string()) types.push_back(type->get<std::string>());
    if (type->is_array()) {
      for (const json& each : *type) {
        if (each.is_string()) types.push_back(each.get<std::string>());
      }
    }
    bool matched = false;
    std::string wanted;
    for (const std::string& each : types) {
      matched = matched || has_type(step.instance, each);
      wanted += (wanted.empty() ? "" : " or ") + type_words(each);
    }
    if (!matched && !types.empty()) add(step, "type", wanted, typed_value_words(step.instance));
  }
  if (auto values = step.schema.find("enum"); values != step.schema.end() && values->is_array()) {
    bool matched = false;
    std::string allowed;
    for (const json& value : *values) {
      matched = matched || json_equal(value, step.instance);
      allowed += (allowed.empty() ? "" : ", ") + schema_text(value, 40);
    }
    if (!matched) add(step, "enum", "one of " + allowed, value_words(step.instance));
  }
}

void Validator::check_combinators(const Step& step) {
  if (auto all = step.schema.find("allOf"); all != step.schema.end() && all->is_array()) {
    for (size_t i = 0; i < all->size(); ++i) {
      evaluate(child(step, "allOf", std::to_string(i)), step.instance, step.pointer, step.depth + 1,
               step.out);
    }
  }
  check_alternatives(step, "anyOf");
  check_alternatives(step, "oneOf");
  if (step.schema.contains("not")) {
    Place negated = child(step, "not");
    if (matches(negated, step.instance, step.pointer, step.depth + 1)) {
      add(step, "not", "a value that does not match the schema at " + negated.pointer,
          value_words(step.instance));
    }
  }
}

void Validator::check_alternatives(const Step& step, const std::string& keyword) {
  auto branches = step.schema.find(keyword);
  if (branches == step.schema.end() || !branches->is_array() || branches->empty()) return;
  std::vector<size_t> matching;
  std::string wanted;
  for (size_t i = 0; i < branches->size(); ++i) {
    std::vector<Problem> problems;
    if (matches(child(step, keyword, std::to_string(i)), step.instance, step.pointer,
                step.depth + 1, &problems)) {
      matching.push_back(i);
      if (keyword == "anyOf") return;
    } else {
      wanted += (wanted.empty() ? "" : " | ") + branch_expectation(problems, step.pointer);
    }
  }
  if (matching.empty()) {
    add(step, keyword, (keyword == "anyOf" ? "any of: " : "exactly one of: ") + wanted,
        value_words(step.instance));
  } else if (matching.size() > 1) {
    add(step, keyword,
        "a value matching exactly one of " + count_of(branches->size(), "alternative"),
        value_words(step.instance) + ", which matches alternatives " +
            std::to_string(matching[0] + 1) + " and " + std::to_string(matching[1] + 1));
  }
}

}  // namespace jsonschema::detail
