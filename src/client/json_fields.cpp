#include "client/json_fields.hpp"

namespace dcos::json_fields {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

double number_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

long long integer_of(const json& number) {
  if (number.is_number_float()) return static_cast<long long>(number.get<double>());
  return number.get<long long>();
}

std::optional<long long> integer_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return integer_of(*it);
}

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> list;
  if (auto items = object.find(key); items != object.end() && items->is_array())
    for (const auto& item : *items)
      if (item.is_string()) list.push_back(item.get<std::string>());
  return list;
}

const json* object_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

}  // namespace dcos::json_fields
