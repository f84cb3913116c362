// The draft-4 keywords of each instance type: numbers, strings, arrays and objects.
#include <set>

#include "jsonschema/json_values.hpp"
#include "jsonschema/validator.hpp"

namespace jsonschema::detail {
namespace {

using nlohmann::json;

/// libstdc++'s std::regex matches by backtracking with a stack frame per character (some 700
/// bytes each): past this many bytes a string is not matched, and the keyword says so, rather
/// than risk the stack (8 MiB overflows near 12,000 characters).
constexpr size_t kLongestMatchedString = 4096;

/// A non-negative integer keyword value (minLength, maxItems, …), when the schema has one.
std::optional<uint64_t> count_keyword(const json& schema, const char* keyword) {
  auto value = schema.find(keyword);
  if (value == schema.end() || !is_integer(*value) || compare_numbers(*value, json(0)) < 0) {
    return std::nullopt;
  }
  return value->is_number_float() ? static_cast<uint64_t>(value->get<double>())
                                  : value->get<uint64_t>();
}

bool flag(const json& schema, const char* keyword) {
  auto value = schema.find(keyword);
  return value != schema.end() && value->is_boolean() && value->get<bool>();
}

}  // namespace

const std::regex* Validator::pattern(const std::string& source) {
  auto known = patterns_.find(source);
  if (known == patterns_.end()) {
    std::unique_ptr<std::regex> compiled;
    try {
      compiled = std::make_unique<std::regex>(source, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      compiled.reset();
    }
    known = patterns_.emplace(source, std::move(compiled)).first;
  }
  return known->second.get();
}

std::optional<bool> Validator::search(const std::string& source, const std::string& text) {
  const std::regex* compiled = pattern(source);
  if (compiled == nullptr || text.size() > kLongestMatchedString) return std::nullopt;
  try {
    return std::regex_search(text, *compiled);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

void Validator::check_number(const Step& step) {
  const json& schema = step.schema;
  const json& value = step.instance;
  if (auto minimum = schema.find("minimum"); minimum != schema.end() && minimum->is_number()) {
    bool exclusive = flag(schema, "exclusiveMinimum");
    int order = compare_numbers(value, *minimum);
    if (order < 0 || (exclusive && order == 0)) {
      add(step, "minimum", (exclusive ? "more than " : "at least ") + minimum->dump(),
          value_words(value));
    }
  }
  if (auto maximum = schema.find("maximum"); maximum != schema.end() && maximum->is_number()) {
    bool exclusive = flag(schema, "exclusiveMaximum");
    int order = compare_numbers(value, *maximum);
    if (order > 0 || (exclusive && order == 0)) {
      add(step, "maximum", (exclusive ? "less than " : "at most ") + maximum->dump(),
          value_words(value));
    }
  }
  if (auto divisor = schema.find("multipleOf"); divisor != schema.end() && divisor->is_number() &&
                                                compare_numbers(*divisor, json(0)) > 0 &&
                                                !is_multiple_of(value, *divisor)) {
    add(step, "multipleOf", "a multiple of " + divisor->dump(), value_words(value));
  }
}

void Validator::check_string(const Step& step) {
  const auto& text = step.instance.get_ref<const std::string&>();
  size_t length = code_points(text);
  std::string given = value_words(step.instance) + " (" + count_of(length, "character") + ")";
  if (auto least = count_keyword(step.schema, "minLength"); least && length < *least) {
    add(step, "minLength", "at least " + count_of(*least, "character"), given);
  }
  if (auto most = count_keyword(step.schema, "maxLength"); most && length > *most) {
    add(step, "maxLength", "at most " + count_of(*most, "character"), given);
  }
  if (auto source = step.schema.find("pattern");
      source != step.schema.end() && source->is_string()) {
    const auto& regex = source->get_ref<const std::string&>();
    std::optional<bool> found = search(regex, text);
    if (!found) {
      add(step, "pattern",
          pattern(regex) == nullptr
              ? "a valid ECMAScript pattern in the schema, not /" + regex + "/"
              : "a string of at most " + std::to_string(kLongestMatchedString) +
                    " bytes to match against /" + regex + "/",
          pattern(regex) == nullptr ? value_words(step.instance) : given);
    } else if (!*found) {
      add(step, "pattern", "a string matching /" + regex + "/", value_words(step.instance));
    }
  }
}

void Validator::check_array(const Step& step) {
  const json& schema = step.schema;
  const json& items = step.instance;
  auto item_pointer = [&](size_t i) { return step.pointer + "/" + std::to_string(i); };
  if (auto each = schema.find("items"); each != schema.end()) {
    if (each->is_object()) {
      Place place = child(step, "items");
      for (size_t i = 0; i < items.size(); ++i) {
        evaluate(place, items[i], item_pointer(i), step.depth + 1, step.out);
      }
    } else if (each->is_array()) {
      size_t positional = std::min(each->size(), items.size());
      for (size_t i = 0; i < positional; ++i) {
        evaluate(child(step, "items", std::to_string(i)), items[i], item_pointer(i), step.depth + 1,
                 step.out);
      }
      auto extra = schema.find("additionalItems");
      if (extra != schema.end() && extra->is_boolean() && !extra->get<bool>() &&
          items.size() > each->size()) {
        add(step, "additionalItems", "at most " + count_of(each->size(), "item"),
            count_of(items.size(), "item"));
      } else if (extra != schema.end() && extra->is_object()) {
        Place place = child(step, "additionalItems");
        for (size_t i = positional; i < items.size(); ++i) {
          evaluate(place, items[i], item_pointer(i), step.depth + 1, step.out);
        }
      }
    }
  }
  if (auto least = count_keyword(schema, "minItems"); least && items.size() < *least) {
    add(step, "minItems", "at least " + count_of(*least, "item"), count_of(items.size(), "item"));
  }
  if (auto most = count_keyword(schema, "maxItems"); most && items.size() > *most) {
    add(step, "maxItems", "at most " + count_of(*most, "item"), count_of(items.size(), "item"));
  }
  if (flag(schema, "uniqueItems")) {
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t j = i + 1; j < items.size(); ++j) {
        if (json_equal(items[i], items[j])) {
          add(step, "uniqueItems", "unique items",
              "equal items [" + std::to_string(i) + "] and [" + std::to_string(j) + "]");
          return;
        }
      }
    }
  }
}

void Validator::check_object(const Step& step) {
  const json& schema = step.schema;
  const json& object = step.instance;
  if (auto least = count_keyword(schema, "minProperties"); least && object.size() < *least) {
    add(step, "minProperties", "at least " + count_of(*least, "option"),
        count_of(object.size(), "option"));
  }
  if (auto most = count_keyword(schema, "maxProperties"); most && object.size() > *most) {
    add(step, "maxProperties", "at most " + count_of(*most, "option"),
        count_of(object.size(), "option"));
  }
  if (auto required = schema.find("required"); required != schema.end() && required->is_array()) {
    for (const json& name : *required) {
      if (name.is_string() && !object.contains(name.get<std::string>())) {
        add(step, "required", name.get<std::string>(), "");
      }
    }
  }
  auto properties = schema.find("properties");
  bool has_properties = properties != schema.end() && properties->is_object();
  auto patterns = schema.find("patternProperties");
  bool has_patterns = patterns != schema.end() && patterns->is_object();
  auto additional = schema.find("additionalProperties");
  bool closed = additional != schema.end() && additional->is_boolean() && !additional->get<bool>();
  bool open_with_schema = additional != schema.end() && additional->is_object();
  for (auto member = object.begin(); member != object.end(); ++member) {
    const std::string& name = member.key();
    std::string member_pointer = step.pointer + "/" + escape_pointer_token(name);
    bool declared = false;
    if (has_properties && properties->contains(name)) {
      declared = true;
      evaluate(child(step, "properties", name), *member, member_pointer, step.depth + 1, step.out);
    }
    if (has_patterns) {
      for (auto each = patterns->begin(); each != patterns->end(); ++each) {
        if (search(each.key(), name).value_or(false)) {
          declared = true;
          evaluate(child(step, "patternProperties", each.key()), *member, member_pointer,
                   step.depth + 1, step.out);
        }
      }
    }
    if (declared) continue;
    if (closed) {
      std::string allowed;
      if (has_properties) {
        for (auto each = properties->begin(); each != properties->end(); ++each) {
          allowed += (allowed.empty() ? "" : ", ") + each.key();
        }
      }
      if (has_patterns) {
        for (auto each = patterns->begin(); each != patterns->end(); ++each) {
          allowed += (allowed.empty() ? "" : ", ") + ("names matching /" + each.key() + "/");
        }
      }
      add(step, "additionalProperties", allowed, name);
    } else if (open_with_schema) {
      evaluate(child(step, "additionalProperties"), *member, member_pointer, step.depth + 1,
               step.out);
    }
  }
  check_dependencies(step);
}

void Validator::check_dependencies(const Step& step) {
  auto dependencies = step.schema.find("dependencies");
  if (dependencies == step.schema.end() || !dependencies->is_object()) return;
  for (auto each = dependencies->begin(); each != dependencies->end(); ++each) {
    if (!step.instance.contains(each.key())) continue;
    if (each->is_array()) {
      for (const json& name : *each) {
        if (name.is_string() && !step.instance.contains(name.get<std::string>())) {
          add(step, "dependencies", name.get<std::string>(), each.key());
        }
      }
    } else if (each->is_object()) {
      evaluate(child(step, "dependencies", each.key()), step.instance, step.pointer, step.depth + 1,
               step.out);
    }
  }
}

}  // namespace jsonschema::detail
