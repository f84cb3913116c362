// Small helpers shared by the dcos-local modules: clock, ids, JSON and string utilities.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dcos_local {

using json = nlohmann::json;

// Milliseconds since the Unix epoch.
int64_t now_ms();
// Marathon's timestamp format: 2015-09-29T15:59:51.164Z.
std::string iso_time(int64_t ms);
// Mesos timestamps: float seconds.
double epoch_seconds(int64_t ms);
// A random version-4 UUID in its usual text form.
std::string uuid4();
// Dumps JSON for a response; invalid UTF-8 from task output is replaced, never thrown on.
std::string dump(const json& value);

// Big responses are written element by element, so the whole document never exists as a
// JSON tree: `marker(name)` is a string placed where a list goes, and `splice` swaps its
// dumped form for the list's text.
std::string marker(const std::string& name);
std::string splice(std::string text, const std::string& name, const std::string& replacement);
// "[" + dump of each element + "]", building one element at a time.
template <typename Range, typename Fn>
std::string dump_array(const Range& range, Fn&& element) {
  std::string out = "[";
  bool first = true;
  for (const auto& item : range) {
    if (!first) out += ',';
    first = false;
    out += dump(element(item));
  }
  return out + "]";
}

std::vector<std::string> split(std::string_view text, char sep);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
bool contains_ci(std::string_view haystack, std::string_view needle);

// Marathon path ids: "/a/b". normalize_id makes an id absolute and strips trailing slashes,
// resolving it against `base` when relative.
std::string normalize_id(std::string_view id, std::string_view base = "/");
std::string parent_id(std::string_view id);
// "/prod/web" becomes "web.prod", the name Marathon gives its tasks in Mesos.
std::string mesos_task_name(std::string_view app_id);
// "/prod/web" becomes "prod_web", the prefix of its instance ids.
std::string safe_id(std::string_view app_id);

}  // namespace dcos_local
