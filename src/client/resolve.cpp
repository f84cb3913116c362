#include "client/resolve.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "client/strings.hpp"

namespace dcos {
namespace {

bool has_glob(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool glob_matches(std::string_view id, std::string_view pattern) {
  return ::fnmatch(std::string(pattern).c_str(), std::string(id).c_str(), 0) == 0;
}

}  // namespace

bool id_matches(std::string_view id, std::string_view pattern) {
  if (pattern.empty() || id.find(pattern) != std::string_view::npos) return true;
  return has_glob(pattern) && glob_matches(id, pattern);
}

Error ambiguous_id(std::string_view wanted, std::vector<std::string> candidates,
                   std::string_view what) {
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const size_t shown = std::min<size_t>(candidates.size(), 10);
  std::vector<std::string> listed(candidates.begin(),
                                  candidates.begin() + static_cast<long>(shown));
  const std::string more = candidates.size() > shown
                               ? " and " + std::to_string(candidates.size() - shown) + " more"
                               : "";
  const std::string word(what);
  return Error::make(ErrorKind::ambiguous,
                     "'" + std::string(wanted) + "' matches " + std::to_string(candidates.size()) +
                         " " + word + "s: " + join(listed, ", ") + more,
                     "give more of the " + word + " id");
}

Result<size_t> resolve_index(std::string_view wanted, const std::vector<std::string>& ids,
                             std::string_view what) {
  const std::string word(what);
  if (wanted.empty()) return Error::make(ErrorKind::usage, "the " + word + " id is empty");
  for (size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == wanted) return i;
  // Each level is tried only when the ones before it found nothing.
  const auto levels = {
      +[](std::string_view id, std::string_view p) { return starts_with(id, p); },
      +[](std::string_view id, std::string_view p) { return has_glob(p) && glob_matches(id, p); },
      +[](std::string_view id, std::string_view p) {
        return id.find(p) != std::string_view::npos;
      }};
  for (auto level : levels) {
    std::vector<size_t> found;
    for (size_t i = 0; i < ids.size(); ++i)
      if (level(ids[i], wanted)) found.push_back(i);
    // The same id listed twice (a task seen running and completed) is still one thing.
    std::vector<std::string> names;
    for (size_t i : found) names.push_back(ids[i]);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.size() == 1) return found.front();
    if (names.size() > 1) return ambiguous_id(wanted, std::move(names), what);
  }
  return Error::make(ErrorKind::not_found, word + " '" + std::string(wanted) + "' does not exist");
}

Result<std::string> resolve_id(std::string_view wanted, const std::vector<std::string>& ids,
                               std::string_view what) {
  auto index = resolve_index(wanted, ids, what);
  if (!index) return index.take_error();
  return ids[*index];
}

}  // namespace dcos
