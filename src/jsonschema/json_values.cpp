#include "jsonschema/json_values.hpp"

#include <cmath>
#include <utility>
#include <vector>

namespace jsonschema::detail {
namespace {

using nlohmann::json;

long double as_long_double(const json& number) {
  if (number.is_number_unsigned()) return static_cast<long double>(number.get<uint64_t>());
  if (number.is_number_integer()) return static_cast<long double>(number.get<int64_t>());
  return static_cast<long double>(number.get<double>());
}

/// `text` cut after `limit` code points, with "…" when something was cut.
std::string shortened(const std::string& text, size_t limit) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && points++ == limit) {
      return text.substr(0, i) + "…";
    }
  }
  return text;
}

std::string quoted(const std::string& text) {
  return json(shortened(text, 60)).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

bool json_equal(const json& a, const json& b) {
  std::vector<std::pair<const json*, const json*>> pending{{&a, &b}};
  while (!pending.empty()) {
    auto [left, right] = pending.back();
    pending.pop_back();
    if (left->is_number() && right->is_number()) {
      if (compare_numbers(*left, *right) != 0) return false;
      continue;
    }
    if (left->type() != right->type() || left->size() != right->size()) return false;
    if (left->is_array()) {
      for (size_t i = 0; i < left->size(); ++i) pending.emplace_back(&(*left)[i], &(*right)[i]);
    } else if (left->is_object()) {
      for (auto it = left->begin(); it != left->end(); ++it) {
        auto other = right->find(it.key());
        if (other == right->end()) return false;
        pending.emplace_back(&*it, &*other);
      }
    } else if (*left != *right) {
      return false;
    }
  }
  return true;
}

bool is_integer(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double number = value.get<double>();
  return std::isfinite(number) && std::floor(number) == number;
}

int compare_numbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    bool a_unsigned = a.is_number_unsigned(), b_unsigned = b.is_number_unsigned();
    if (a_unsigned && b_unsigned) {
      auto x = a.get<uint64_t>(), y = b.get<uint64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (!a_unsigned && !b_unsigned) {
      auto x = a.get<int64_t>(), y = b.get<int64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
  long double x = as_long_double(a), y = as_long_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool is_multiple_of(const json& value, const json& divisor) {
  if (value.is_number_integer() && divisor.is_number_integer() && !value.is_number_unsigned() &&
      !divisor.is_number_unsigned()) {
    auto d = divisor.get<int64_t>();
    return d != 0 && value.get<int64_t>() % d == 0;
  }
  long double quotient = as_long_double(value) / as_long_double(divisor);
  if (!std::isfinite(quotient)) return false;
  long double nearest = std::round(quotient);
  return std::fabs(quotient - nearest) <= 1e-9L * std::max(1.0L, std::fabs(nearest));
}

size_t code_points(const std::string& text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string value_words(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return quoted(value.get_ref<const std::string&>());
    case json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    case json::value_t::array:
      return "an array of " + count_of(value.size(), "item");
    case json::value_t::discarded:
      return "nothing";
    default:
      return value.dump();
  }
}

std::string typed_value_words(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return "string " + value_words(value);
    case json::value_t::boolean:
      return "boolean " + value_words(value);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "number " + value_words(value);
    default:
      return value_words(value);
  }
}

std::string schema_text(const json& value, size_t limit) {
  return shortened(value.dump(-1, ' ', false, json::error_handler_t::replace), limit);
}

std::string count_of(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace jsonschema::detail
