#include "client/number_format.hpp"

#include <fmt/format.h>

namespace dcos {

std::string fixed_decimal(double value, int decimals) {
  return fmt::format("{:.{}f}", value, decimals);
}

std::string trimmed_decimal(double value, int decimals) {
  std::string text = fixed_decimal(value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

std::string octal(unsigned value, int width, bool prefixed) {
  return prefixed ? fmt::format("{:#0{}o}", value, width) : fmt::format("{:0{}o}", value, width);
}

std::string hex(unsigned value, int width) { return fmt::format("{:0{}x}", value, width); }

std::string hex_pairs(const unsigned char* bytes, size_t size, std::string_view separator) {
  std::string text;
  text.reserve(size * (2 + separator.size()));
  for (size_t i = 0; i < size; ++i) {
    if (i > 0) text += separator;
    fmt::format_to(std::back_inserter(text), "{:02X}", bytes[i]);
  }
  return text;
}

}  // namespace dcos
