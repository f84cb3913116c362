// The library's entry points. What is checked: every draft-4 validation keyword (type, enum,
// the number, string, array and object keywords, allOf/anyOf/oneOf/not, $ref inside the
// schema). What is not: `format` (an annotation in draft 4; validators may ignore it) and
// references to other documents (never fetched: a library that validates options must not go
// to the network), which remote_references() reports so that a caller can say so.
#include "jsonschema/json_schema.hpp"

#include "jsonschema/schema_index.hpp"
#include "jsonschema/validator.hpp"

namespace jsonschema {
namespace {

using nlohmann::json;

/// Nesting of `properties` that defaults() follows; schemas are trusted, this only bounds
/// the recursion.
constexpr size_t kDeepestDefaults = 256;

bool plain_name(const std::string& token) {
  if (token.empty()) return false;
  for (char c : token) {
    if (c == '.' || c == '[' || c == ']' || c == ' ' || c == '"') return false;
  }
  return true;
}

/// `/cassandra/resources/cpus` → `cassandra.resources.cpus`, `/ports/2` → `ports[2]`.
std::string dotted_path(const std::string& pointer) {
  if (pointer.empty()) return "(root)";
  std::string path;
  size_t start = 1;
  while (true) {
    auto end = pointer.find('/', start);
    std::string token = pointer.substr(start, end == std::string::npos ? end : end - start);
    std::string name;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        name += token[++i] == '0' ? '~' : '/';
      } else {
        name += token[i];
      }
    }
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
      path += "[" + name + "]";
    } else if (plain_name(name)) {
      path += (path.empty() ? "" : ".") + name;
    } else {
      path += "[" + json(name).dump(-1, ' ', false, json::error_handler_t::replace) + "]";
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return path;
}

json defaults_of(const json& schema, size_t depth) {
  json result = json::object();
  auto properties = schema.find("properties");
  if (properties == schema.end() || !properties->is_object()) return result;
  for (auto property = properties->begin(); property != properties->end(); ++property) {
    if (!property->is_object()) continue;
    if (auto value = property->find("default"); value != property->end()) {
      result[property.key()] = *value;
    } else if (depth < kDeepestDefaults && property->contains("properties")) {
      json nested = defaults_of(*property, depth + 1);
      if (!nested.empty()) result[property.key()] = std::move(nested);
    }
  }
  return result;
}

}  // namespace

std::vector<Problem> validate(const json& schema, const json& instance, size_t max_depth) {
  return detail::Validator(schema, max_depth).run(instance);
}

std::vector<std::string> remote_references(const json& schema) {
  return detail::SchemaIndex(schema).remote_references();
}

std::string describe(const Problem& problem) {
  std::string path = dotted_path(problem.pointer);
  if (problem.keyword == "required") {
    return path + ": missing required option '" + problem.expected + "'";
  }
  if (problem.keyword == "additionalProperties") {
    return path + ": unknown option '" + problem.given + "' (" +
           (problem.expected.empty() ? "none allowed" : "allowed: " + problem.expected) + ")";
  }
  if (problem.keyword == "dependencies") {
    return path + ": option '" + problem.given + "' requires option '" + problem.expected + "'";
  }
  std::string line = path + ": expected " + problem.expected;
  if (!problem.given.empty()) line += ", got " + problem.given;
  return line;
}

json defaults(const json& schema) { return defaults_of(schema, 0); }

json merge(json base, const json& overlay) {
  if (!base.is_object() || !overlay.is_object()) return overlay;
  std::vector<std::pair<json*, const json*>> pending{{&base, &overlay}};
  while (!pending.empty()) {
    auto [target, source] = pending.back();
    pending.pop_back();
    for (auto member = source->begin(); member != source->end(); ++member) {
      auto existing = target->find(member.key());
      if (existing != target->end() && existing->is_object() && member->is_object()) {
        pending.emplace_back(&*existing, &*member);
      } else {
        (*target)[member.key()] = *member;
      }
    }
  }
  return base;
}

}  // namespace jsonschema
