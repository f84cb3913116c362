#include "local/cosmos/repositories.hpp"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <regex>

#include "local/cosmos/universe.hpp"

namespace dcos_local::cosmos {

namespace {

constexpr int64_t kCacheMs = 60 * 1000;
constexpr const char* kUserAgent = "cosmos/0.6.3 dcos/2.2.0";

json repo_json(const Repository& r) { return {{"name", r.name}, {"uri", r.uri}}; }

// scheme, authority and path-and-query of an http(s) URI.
struct Uri {
  std::string scheme, authority, path;
};

std::optional<std::string> scheme_of(const std::string& uri) {
  static const std::regex re(R"(^([A-Za-z][A-Za-z0-9+.-]*):)");
  std::smatch m;
  if (!std::regex_search(uri, m, re)) return std::nullopt;
  std::string s = m[1];
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<Uri> parse_uri(const std::string& uri) {
  static const std::regex re(R"(^([A-Za-z]+)://([^/?#\s]+)([^#\s]*)(#\S*)?$)");
  std::smatch m;
  if (!std::regex_match(uri, m, re)) return std::nullopt;
  Uri out{*scheme_of(uri), m[2], m[3]};
  if (out.path.empty()) out.path = "/";
  return out;
}

// A repository's package list must hold objects with the members Cosmos's decoder needs.
std::string package_problem(const json& p) {
  if (!p.is_object()) return "a package is not a JSON object";
  for (const char* field : {"packagingVersion", "name", "version"})
    if (!p.contains(field) || !p[field].is_string())
      return std::string("a package has no string '") + field + "'";
  if (!p.contains("releaseVersion") || !p["releaseVersion"].is_number_integer())
    return "package " + p["name"].get<std::string>() + " has no integer 'releaseVersion'";
  return "";
}

}  // namespace

json repositories_json(const std::vector<Repository>& list) {
  json out = json::array();
  for (const Repository& r : list) out.push_back(repo_json(r));
  return {{"repositories", out}};
}

void Repositories::set_base_url(const std::string& base_url) {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  bundled_uri_ = base_url + kBundledRepoPath;
  entries_.push_back({{"Universe", bundled_uri_}, std::nullopt, 0});
}

std::vector<Repository> Repositories::list() {
  std::lock_guard lock(mu_);
  std::vector<Repository> out;
  for (const Entry& e : entries_) out.push_back(e.repo);
  return out;
}

Outcome<json> Repositories::fetch(const Repository& repo, bool adding) {
  if (repo.uri == bundled_uri_) return bundled_["packages"];
  json where = repo_json(repo);
  auto uri = parse_uri(repo.uri);
  if (!uri)
    return error("RepositoryUriSyntax",
                 "URI for repository [" + repo.name + "] has invalid syntax: " + repo.uri,
                 {{"repository", where}, {"cause", "not an absolute http(s) URI"}});
  httplib::Client cli(uri->scheme + "://" + uri->authority);
  cli.set_connection_timeout(5);
  cli.set_read_timeout(30);
  httplib::Headers headers = {{"Accept", universe_accept_header()},
                              {"Accept-Encoding", "gzip"},
                              {"User-Agent", kUserAgent}};
  auto res = cli.Get(uri->path, headers);
  if (!res)
    return error("RepositoryUriConnection",
                 "Could not access data at URI for repository [" + repo.name + "]: " + repo.uri,
                 {{"repository", where}, {"cause", httplib::to_string(res.error())}});
  if (res->status != 200) {
    int status = adding ? 400 : 500;
    return error("UniverseClientHttpError",
                 "Unexpected upstream http error while fetching repository '" + repo.name +
                     "' at " + repo.uri + ": GET " + std::to_string(res->status),
                 {{"packageRepository", where},
                  {"method", "GET"},
                  {"clientStatus", res->status},
                  {"status", status}},
                 status);
  }
  std::string type = res->get_header_value("Content-Type");
  if (!universe_repo_version(type)) {
    json supported = json::array();
    for (const char* v : {"v5", "v4", "v3"}) supported.push_back(universe_repo_type(v));
    return error(
        "UnsupportedContentType",
        "Unsupported Content-Type: " + type + " Accept: [" + universe_accept_header() + "]",
        {{"supported", supported}, {"actual", type}});
  }
  json doc = json::parse(res->body, nullptr, false);
  if (doc.is_discarded())
    return error("JsonParsingError",
                 "The repository at " + repo.uri + " did not answer with a JSON document",
                 {{"repository", where}});
  std::string problem = !doc.is_object() || !doc.contains("packages") || !doc["packages"].is_array()
                            ? "the document has no 'packages' array"
                            : "";
  if (problem.empty())
    for (const json& p : doc["packages"])
      if (problem = package_problem(p); !problem.empty()) break;
  if (!problem.empty())
    return error("JsonDecodingError",
                 "The repository at " + repo.uri + " is not a Universe repository: " + problem,
                 {{"repository", where}});
  return doc["packages"];
}

Outcome<std::vector<Repository>> Repositories::add(const std::string& name, const std::string& uri,
                                                   std::optional<int64_t> index) {
  auto scheme = scheme_of(uri);
  if (!scheme || (*scheme != "http" && *scheme != "https"))
    return error("UnsupportedRepositoryUri",
                 "Repository URI [" + uri +
                     "] uses an unsupported scheme. Only http and https are supported",
                 {{"uri", uri}});
  {
    std::lock_guard lock(mu_);
    bool same_name = false, same_uri = false;
    for (const Entry& e : entries_) {
      same_name = same_name || e.repo.name == name;
      same_uri = same_uri || e.repo.uri == uri;
    }
    if (same_name || same_uri) {
      std::string what = same_name && same_uri ? "Repository name [" + name + "] and URI [" + uri +
                                                     "] are both already present"
                         : same_name ? "Repository name [" + name + "] is already present"
                                     : "Repository URI [" + uri + "] is already present";
      json data = json::object();
      if (same_name) data["name"] = name;
      if (same_uri) data["uri"] = uri;
      return error("RepositoryAlreadyPresent", what + " in the list", data);
    }
    int64_t max = static_cast<int64_t>(entries_.size());
    if (index && (*index < 0 || *index > max))
      return error("RepositoryAddIndexOutOfBounds",
                   "Index (" + std::to_string(*index) +
                       ") is out of range. Index value must be between 0 and " +
                       std::to_string(max) + " inclusive.",
                   {{"attempted", *index}, {"max", max}});
  }
  Repository repo{name, uri};
  Outcome<json> fetched = fetch(repo, true);
  if (auto* e = std::get_if<CosmosError>(&fetched)) return *e;
  std::lock_guard lock(mu_);
  size_t at = index ? std::min(static_cast<size_t>(*index), entries_.size()) : entries_.size();
  entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(at),
                  {repo, std::get<json>(fetched), now_ms()});
  for (Entry& e : entries_) e.cached.reset();  // the cache is flushed on every change
  std::vector<Repository> out;
  for (const Entry& e : entries_) out.push_back(e.repo);
  return out;
}

Outcome<std::vector<Repository>> Repositories::remove(const std::string& name,
                                                      const std::string& uri) {
  if (name.empty() && uri.empty())
    return error("RepoNameOrUriMissing", "Must specify either the name or URI of the repository");
  std::lock_guard lock(mu_);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return (name.empty() || e.repo.name == name) && (uri.empty() || e.repo.uri == uri);
  });
  if (it == entries_.end()) {
    std::string what = !name.empty() && !uri.empty()
                           ? "Repository name [" + name + "] and URI [" + uri + "] are not"
                       : !name.empty() ? "Repository name [" + name + "] is not"
                                       : "Repository URI [" + uri + "] is not";
    json data = json::object();
    if (!name.empty()) data["name"] = name;
    if (!uri.empty()) data["uri"] = uri;
    return error("RepositoryNotPresent", what + " present in the list", data);
  }
  entries_.erase(it);
  for (Entry& e : entries_) e.cached.reset();
  std::vector<Repository> out;
  for (const Entry& e : entries_) out.push_back(e.repo);
  return out;
}

Outcome<std::vector<Package>> Repositories::packages() {
  std::vector<Entry> snapshot;
  {
    std::lock_guard lock(mu_);
    snapshot = entries_;
  }
  int64_t now = now_ms();
  std::vector<Package> all;
  for (size_t i = 0; i < snapshot.size(); ++i) {
    Entry& e = snapshot[i];
    if (!e.cached || now - e.fetched_ms > kCacheMs) {
      Outcome<json> fetched = fetch(e.repo, false);
      if (auto* err = std::get_if<CosmosError>(&fetched)) return *err;
      e.cached = std::get<json>(fetched);
      std::lock_guard lock(mu_);
      for (Entry& live : entries_)
        if (live.repo.name == e.repo.name && live.repo.uri == e.repo.uri) {
          live.cached = e.cached;
          live.fetched_ms = now;
        }
    }
    for (const json& p : *e.cached) all.push_back({p, e.repo.uri, i});
  }
  std::stable_sort(all.begin(), all.end(), [](const Package& a, const Package& b) {
    if (a.name() != b.name()) return a.name() < b.name();
    if (a.repo_index != b.repo_index) return a.repo_index < b.repo_index;
    return a.release() > b.release();
  });
  std::vector<Package> out;
  std::map<std::pair<std::string, std::string>, bool> seen;
  for (Package& p : all)
    if (!seen[{p.name(), p.version()}]) {
      seen[{p.name(), p.version()}] = true;
      out.push_back(std::move(p));
    }
  return out;
}

Outcome<Package> select_package(const std::vector<Package>& packages, const std::string& name,
                                const std::string& version) {
  bool named = false;
  for (const Package& p : packages) {
    if (p.name() != name) continue;
    named = true;
    if (version.empty() || p.version() == version) return p;
  }
  if (!named)
    return error("PackageNotFound", "Package [" + name + "] not found", {{"packageName", name}});
  return error("VersionNotFound", "Version [" + version + "] of package [" + name + "] not found",
               {{"packageName", name}, {"packageVersion", version}});
}

}  // namespace dcos_local::cosmos
