#include "client/definition.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <regex>

#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

Error located(std::string_view source, size_t line, size_t column, const std::string& what) {
  return Error::make(ErrorKind::invalid, std::string(source) + ": line " + std::to_string(line) +
                                             ", column " + std::to_string(column) + ": " + what);
}

/// Line and column (1-based) of byte `offset` of `text`.
std::pair<size_t, size_t> position(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1;
  size_t start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  return {line, offset - start + 1};
}

/// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
/// column 5: " preamble, since the position is given separately.
std::string json_reason(const std::string& what) {
  auto colon = what.find(": ");
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  // "syntax error while parsing object key - unexpected ','" says less than its tail.
  if (starts_with(reason, "syntax error while parsing ")) {
    auto dash = reason.find(" - ");
    if (dash != std::string::npos) reason = reason.substr(dash + 3);
  }
  return reason;
}

Result<json> parse_json(std::string_view text, std::string_view source) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    // byte is 1-based and points just past the offending character.
    size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    auto [line, column] = position(text, offset);
    return located(source, line, column, "invalid JSON: " + json_reason(error.what()));
  }
}

/// A plain YAML scalar typed by the YAML 1.2 core schema.
json plain_scalar(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (std::regex_match(text, integer)) {
    long long value = 0;
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  }
  if (std::regex_match(text, number)) return std::stod(text);
  return text;
}

Result<json> yaml_to_json(const YAML::Node& node, std::string_view source) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return json(nullptr);
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return json(node.Scalar());
      return json(plain_scalar(node.Scalar()));
    case YAML::NodeType::Sequence: {
      json list = json::array();
      for (const auto& item : node) {
        auto value = yaml_to_json(item, source);
        if (!value) return value;
        list.push_back(std::move(*value));
      }
      return list;
    }
    case YAML::NodeType::Map: {
      json object = json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          auto mark = entry.first.Mark();
          return located(source, mark.line + 1, mark.column + 1, "a key must be a plain word");
        }
        auto value = yaml_to_json(entry.second, source);
        if (!value) return value;
        object[entry.first.Scalar()] = std::move(*value);
      }
      return object;
    }
  }
  return json(nullptr);
}

Result<json> parse_yaml(std::string_view text, std::string_view source) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return yaml_to_json(root, source);
  } catch (const YAML::ParserException& error) {
    return located(source, error.mark.line + 1, error.mark.column + 1,
                   "invalid YAML: " + error.msg);
  } catch (const YAML::Exception& error) {
    return Error::make(ErrorKind::invalid,
                       std::string(source) + ": invalid YAML: " + std::string(error.what()));
  }
}

std::string_view unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front())
    return text.substr(1, text.size() - 2);
  return text;
}

}  // namespace

Result<json> parse_definition(std::string_view text, std::string_view source) {
  std::string_view content = trim(text);
  if (content.empty())
    return Error::make(ErrorKind::invalid,
                       std::string(source) + " is empty: expected a JSON or YAML definition");
  if (content.front() == '{' || content.front() == '[') return parse_json(text, source);
  auto parsed = parse_yaml(text, source);
  if (parsed && !parsed->is_object() && !parsed->is_array())
    return Error::make(
        ErrorKind::invalid,
        std::string(source) + ": expected a JSON object or a YAML mapping, found a single value");
  return parsed;
}

json property_value(std::string_view text) {
  std::string value(unquote(text));
  if (value == "null") return nullptr;
  static const std::regex integer(R"(-?[0-9]+)");
  static const std::regex number(R"(-?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(value, integer)) {
    long long parsed = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error == std::errc() && end == value.data() + value.size()) return parsed;
  }
  if (std::regex_match(value, number)) return std::stod(value);
  if (auto boolean = parse_bool(value);
      boolean && (iequals(value, "true") || iequals(value, "false")))
    return *boolean;
  if (!value.empty() && (value.front() == '[' || value.front() == '{')) {
    auto parsed = json::parse(value, nullptr, false);
    if (!parsed.is_discarded() && (parsed.is_array() || parsed.is_object())) return parsed;
  }
  return value;
}

Result<json> parse_properties(const std::vector<std::string>& items) {
  json object = json::object();
  for (const auto& item : items) {
    auto equals = item.find('=');
    if (equals == std::string::npos)
      return Error::make(ErrorKind::invalid,
                         "'" + item + "' is not a property: write it as key=value",
                         "a JSON value works too, e.g. env='{\"KEY\":\"value\"}'");
    std::string key(unquote(trim(std::string_view(item).substr(0, equals))));
    if (key.empty()) return Error::make(ErrorKind::invalid, "'" + item + "' has no key before '='");
    if (object.contains(key))
      return Error::make(ErrorKind::invalid, "the key '" + key + "' is given more than once");
    object[key] = property_value(std::string_view(item).substr(equals + 1));
  }
  return object;
}

}  // namespace dcos
