#include "client/duration.hpp"

#include <string>

#include "client/strings.hpp"

namespace dcos {

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const std::string shown(text);
  auto bad = [&] {
    return Error::make(ErrorKind::usage, "invalid duration '" + shown +
                                             "': use a number of seconds or units such as 500ms, "
                                             "90s, 5m, 1h, 1m30s");
  };
  if (text.empty()) return bad();
  long long total = 0;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start || i - start > 9) return bad();
    long long number = parse_int(text.substr(start, i - start)).value_or(0);
    size_t unit_start = i;
    while (i < text.size() && (text[i] < '0' || text[i] > '9')) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    long long scale = 0;
    if (unit == "ms") {
      scale = 1;
    } else if (unit == "s" || (unit.empty() && !any && i == text.size())) {
      scale = 1000;
    } else if (unit == "m") {
      scale = 60'000;
    } else if (unit == "h") {
      scale = 3'600'000;
    } else {
      return bad();
    }
    total += number * scale;
    any = true;
  }
  if (total <= 0)
    return Error::make(ErrorKind::usage, "invalid duration '" + shown + "': it must be positive");
  return std::chrono::milliseconds(total);
}

}  // namespace dcos
