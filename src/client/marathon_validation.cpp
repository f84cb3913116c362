#include "client/marathon_validation.hpp"

#include "client/app_schema.hpp"
#include "client/number_format.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string shown(const json& value) {
  if (value.is_number()) return trimmed_decimal(value.get<double>(), 6);
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string got(const json* given) { return given ? ", got " + shown(*given) : std::string(); }

/// The value at `pointer` in `sent`, or null when there is none.
const json* lookup(const json& sent, const std::string& pointer) {
  if (sent.is_null() || pointer == "/") return nullptr;
  try {
    const json::json_pointer at(pointer);
    if (!sent.contains(at)) return nullptr;
    return &sent.at(at);
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::string bound(std::string_view pointer, bool minimum, const json* given) {
  auto rule = app_schema::rule_at(pointer);
  std::optional<double> limit = rule ? (minimum ? rule->minimum : rule->maximum) : std::nullopt;
  std::string sentence = limit ? std::string(minimum ? "must be at least " : "must be at most ") +
                                     trimmed_decimal(*limit, 6)
                               : std::string(minimum ? "is too small" : "is too large");
  return sentence + got(given);
}

std::string enumeration(std::string_view pointer, const json* given) {
  auto rule = app_schema::rule_at(pointer);
  std::string sentence = given ? "unknown value " + shown(*given) : "unknown value";
  if (rule && !rule->values.empty()) sentence += " (one of " + join(rule->values, ", ") + ")";
  return sentence;
}

}  // namespace

std::string validation_pointer(std::string_view path) {
  std::string pointer;
  for (char c : path) {
    if (c == '(') {
      if (pointer.empty() || pointer.back() != '/') pointer += '/';
    } else if (c != ')') {
      pointer += c;
    }
  }
  if (pointer.empty() || pointer.front() != '/') pointer.insert(pointer.begin(), '/');
  return pointer;
}

std::string validation_sentence(std::string_view code, std::string_view pointer,
                                const json* given) {
  if (code == "error.path.missing") return "is required but missing";
  if (code == "error.expected.jsstring") return "must be a string" + got(given);
  if (code == "error.expected.jsnumber") return "must be a number" + got(given);
  if (code == "error.expected.jsobject") return "must be an object" + got(given);
  if (code == "error.expected.jsarray") return "must be a list" + got(given);
  if (code == "error.expected.jsboolean") return "must be true or false" + got(given);
  if (code == "error.min") return bound(pointer, true, given);
  if (code == "error.max") return bound(pointer, false, given);
  if (code == "error.minLength")
    return given && given->is_string() && !given->get<std::string>().empty()
               ? "is too short" + got(given)
               : std::string("must not be empty");
  if (code == "error.maxLength") return "is too long" + got(given);
  if (code == "error.pattern") return "is not in the form Marathon expects" + got(given);
  if (code == "error.unknown.enum.literal") return enumeration(pointer, given);
  return std::string(code);
}

std::vector<std::string> validation_lines(const json& details, const json& sent) {
  std::vector<std::string> lines;
  if (!details.is_array()) return lines;
  for (const auto& entry : details) {
    if (!entry.is_object()) continue;
    auto path = entry.find("path");
    std::string pointer = validation_pointer(
        path != entry.end() && path->is_string() ? path->get<std::string>() : "");
    const json* given = lookup(sent, pointer);
    auto errors = entry.find("errors");
    if (errors == entry.end() || !errors->is_array()) continue;
    for (const auto& error : *errors)
      if (error.is_string())
        lines.push_back(pointer + ": " +
                        validation_sentence(error.get<std::string>(), pointer, given));
  }
  return lines;
}

}  // namespace dcos
