// Lenient readers of fields of a server's JSON objects, shared by the typed views of every
// client: a field that is absent, null or of another type reads as the default, so one odd
// field never costs a whole answer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dcos::json_fields {

/// The text at `key`; "" when absent or not text.
std::string string_field(const nlohmann::json& object, const char* key);
/// True only when `key` holds JSON true.
bool flag(const nlohmann::json& object, const char* key);
/// The number at `key`; 0 when absent or not a number.
double number_field(const nlohmann::json& object, const char* key);
/// The number at `key`, fractions cut; nullopt when absent or not a number.
std::optional<long long> integer_field(const nlohmann::json& object, const char* key);
/// A JSON number as a whole number, fractions cut.
long long integer_of(const nlohmann::json& number);
/// The text entries of the list at `key`.
std::vector<std::string> string_list(const nlohmann::json& object, const char* key);
/// The object at `key`, or null when it is absent or not an object.
const nlohmann::json* object_at(const nlohmann::json& object, const char* key);

}  // namespace dcos::json_fields
