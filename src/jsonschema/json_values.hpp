// The facts about JSON values that draft 4 needs and nlohmann::json does not give directly:
// mathematical equality (1 == 1.0) without recursion, integer-ness of floats, number order
// across integer and float storage, the length of a string in code points, and short words for
// a value in a message. Internal to the library.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace jsonschema::detail {

/// Draft-4 equality: numbers by value, objects by key set, arrays by order. Iterative, so
/// deeply nested values do not overflow the stack.
bool json_equal(const nlohmann::json& a, const nlohmann::json& b);

/// A number with no fractional part (draft 4 counts 1.0 as an integer).
bool is_integer(const nlohmann::json& value);

/// <0, 0 or >0 as number `a` is below, equal to or above number `b`.
int compare_numbers(const nlohmann::json& a, const nlohmann::json& b);

/// Whether number `value` is an integral multiple of number `divisor` (> 0).
bool is_multiple_of(const nlohmann::json& value, const nlohmann::json& divisor);

/// Unicode code points in UTF-8 `text` (continuation bytes are not counted).
size_t code_points(const std::string& text);

/// A value in a message: `"abc"` (quoted, shortened), `15`, `true`, `null`, `an object`,
/// `an array of 3 items`.
std::string value_words(const nlohmann::json& value);

/// The same with its type first where that helps: `string "3"`, `number 3`, `boolean true`.
std::string typed_value_words(const nlohmann::json& value);

/// A schema value (trusted, small) as compact JSON, shortened past `limit` characters.
std::string schema_text(const nlohmann::json& value, size_t limit = 80);

/// `count` and the noun, plural unless the count is one: "1 item", "3 items".
std::string count_of(size_t count, const std::string& noun);

}  // namespace jsonschema::detail
