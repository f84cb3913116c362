#include "local/cosmos/universe.hpp"

#include <map>

#include "local/cosmos/codec.hpp"
#include "local/cosmos/media.hpp"

namespace dcos_local::cosmos {

namespace {

const char* const kRepoVersions[] = {"v5", "v4", "v3"};

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 10;
}

}  // namespace

std::string universe_repo_type(const std::string& version) { return vnd("universe.repo", version); }

std::string universe_accept_header() {
  std::string out;
  for (const char* v : kRepoVersions) out += (out.empty() ? "" : ",") + universe_repo_type(v);
  return out;
}

std::optional<std::string> universe_repo_version(const std::string& content_type) {
  auto got = parse_media_type(content_type);
  if (!got) return std::nullopt;
  for (const char* v : kRepoVersions) {
    MediaType want = *parse_media_type(universe_repo_type(v));
    if (got->type != want.type || got->subtype != want.subtype) continue;
    auto version = got->params.find("version");
    auto charset = got->params.find("charset");
    if (version == got->params.end() || version->second != v) continue;
    if (charset != got->params.end() && charset->second != "utf-8") continue;
    return std::string(v);
  }
  return std::nullopt;
}

RepoBuild build_repo(std::span<const EmbeddedFile> files) {
  // name -> revision -> file name -> bytes
  std::map<std::string, std::map<int, std::map<std::string, std::string_view>>> tree;
  for (const EmbeddedFile& f : files) {
    std::vector<std::string> parts = split(f.path, '/');
    if (parts.size() != 3 || !all_digits(parts[1])) continue;
    tree[parts[0]][std::stoi(parts[1])][parts[2]] = f.bytes;
  }
  json packages = json::array();
  for (const auto& [name, revisions] : tree) {
    for (const auto& [revision, content] : revisions) {
      std::string where = name + "/" + std::to_string(revision) + "/";
      auto parse = [&](const std::string& file, json& out) -> std::string {
        auto it = content.find(file);
        if (it == content.end()) return "";
        out = json::parse(it->second, nullptr, false);
        if (out.is_discarded() || !out.is_object()) return where + file + " is not a JSON object";
        return "";
      };
      json package;
      if (!content.count("package.json")) return {{}, where + "package.json is missing"};
      if (std::string e = parse("package.json", package); !e.empty()) return {{}, e};
      if (package.value("name", "") != name)
        return {{}, where + "package.json names another package"};
      package["releaseVersion"] = revision;
      for (const char* member : {"config", "resource", "command"}) {
        json value;
        if (std::string e = parse(std::string(member) + ".json", value); !e.empty()) return {{}, e};
        if (!value.is_null()) package[member] = value;
      }
      if (auto it = content.find("marathon.json.mustache"); it != content.end())
        package["marathon"] = {{"v2AppMustacheTemplate", base64_encode(std::string(it->second))}};
      packages.push_back(package);
    }
  }
  return {{{"packages", packages}}, ""};
}

void register_universe_repo(httplib::Server& server, json repo) {
  std::string body = dump(repo);
  server.Get(kBundledRepoPath, [body](const httplib::Request& req, httplib::Response& res) {
    // The highest version the Accept header lists wins, as on the universe server.
    std::string accept = req.get_header_value("Accept");
    for (const char* v : kRepoVersions) {
      bool listed = false;
      for (const std::string& entry : split(accept, ','))
        if (auto t = parse_media_type(entry);
            t && t->type == "application" && t->subtype == "vnd.dcos.universe.repo+json" &&
            t->params.count("version") && t->params.at("version") == v)
          listed = true;
      if (!listed) continue;
      res.set_content(body, universe_repo_type(v));
      return;
    }
    res.status = 406;
    res.set_content("This repository is served as JSON only: ask for " + universe_repo_type("v3") +
                        " (or v4, v5) in Accept.\n",
                    "text/plain");
  });
}

}  // namespace dcos_local::cosmos
