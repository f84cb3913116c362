#include "client/resolve.hpp"

#include <algorithm>

#include "client/strings.hpp"

namespace dcos {

Result<std::string> resolve_id(std::string_view wanted, const std::vector<std::string>& ids,
                               std::string_view what) {
  const std::string word(what);
  if (wanted.empty()) return Error::make(ErrorKind::usage, "the " + word + " id is empty");
  std::vector<std::string> matches;
  for (const auto& id : ids) {
    if (id == wanted) return id;
    if (starts_with(id, wanted)) matches.push_back(id);
  }
  std::sort(matches.begin(), matches.end());
  matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
  if (matches.size() == 1) return matches.front();
  if (matches.empty())
    return Error::make(ErrorKind::not_found,
                       word + " '" + std::string(wanted) + "' does not exist");
  const size_t shown = std::min<size_t>(matches.size(), 10);
  std::vector<std::string> listed(matches.begin(), matches.begin() + static_cast<long>(shown));
  std::string more =
      matches.size() > shown ? " and " + std::to_string(matches.size() - shown) + " more" : "";
  return Error::make(ErrorKind::invalid,
                     "'" + std::string(wanted) + "' matches " + std::to_string(matches.size()) +
                         " " + word + "s: " + join(listed, ", ") + more,
                     "give more of the " + word + " id");
}

}  // namespace dcos
