#include "local/util.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

namespace dcos_local {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_time(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

double epoch_seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

std::string uuid4() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string marker(const std::string& name) { return "\x01list:" + name + "\x01"; }

std::string splice(std::string text, const std::string& name, const std::string& replacement) {
  std::string dumped = dump(json(marker(name)));
  size_t pos = text.find(dumped);
  if (pos != std::string::npos) text.replace(pos, dumped.size(), replacement);
  return text;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    parts.emplace_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

std::string normalize_id(std::string_view id, std::string_view base) {
  std::vector<std::string> out;
  auto push_segments = [&out](std::string_view path) {
    for (const std::string& seg : split(path, '/')) {
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (!out.empty()) out.pop_back();
        continue;
      }
      out.push_back(seg);
    }
  };
  if (!starts_with(id, "/")) push_segments(base);
  push_segments(id);
  std::string result;
  for (const std::string& seg : out) result += "/" + seg;
  return result.empty() ? "/" : result;
}

std::string parent_id(std::string_view id) {
  size_t pos = id.rfind('/');
  if (pos == std::string_view::npos || pos == 0) return "/";
  return std::string(id.substr(0, pos));
}

std::string mesos_task_name(std::string_view app_id) {
  std::vector<std::string> segs = split(app_id, '/');
  std::string name;
  for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
    if (it->empty()) continue;
    if (!name.empty()) name += ".";
    name += *it;
  }
  return name;
}

std::string safe_id(std::string_view app_id) {
  std::string out;
  for (char c : app_id.substr(starts_with(app_id, "/") ? 1 : 0)) out += c == '/' ? '_' : c;
  return out;
}

}  // namespace dcos_local
