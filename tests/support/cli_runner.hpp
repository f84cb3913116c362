// Runs the real dcos binary for integration tests: a private HOME and DCOS_DIR, a minimal PATH
// and nothing else from the caller's environment, plus helpers for the files it writes.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace dcos::testing {

struct Cli {
  TempDir home;
  std::map<std::string, std::string> env{{"PATH", "/usr/bin:/bin"}};

  Cli() {
    env["HOME"] = home.path().string();
    env["DCOS_DIR"] = (home.path() / ".dcos").string();
  }

  Outcome run(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), DCOS_BINARY);
    return run_process(args, env, input);
  }

  /// Starts `dcos <args>` in the background (for a --follow), with the same environment.
  std::unique_ptr<BackgroundProcess> start(std::vector<std::string> args) {
    args.insert(args.begin(), DCOS_BINARY);
    return std::make_unique<BackgroundProcess>(args, env);
  }

  std::filesystem::path clusters() const { return home.path() / ".dcos" / "clusters"; }

  /// Writes clusters/<id>/dcos.toml (mode 0600) by hand.
  std::filesystem::path add_cluster(const std::string& id, const std::string& toml) {
    auto dir = clusters() / id;
    write_file(dir / "dcos.toml", toml);
    std::filesystem::permissions(dir / "dcos.toml", std::filesystem::perms(0600));
    return dir;
  }

  /// The cluster folders the CLI has written.
  std::vector<std::filesystem::path> cluster_dirs() const {
    std::vector<std::filesystem::path> dirs;
    if (std::filesystem::exists(clusters()))
      for (const auto& entry : std::filesystem::directory_iterator(clusters()))
        dirs.push_back(entry.path());
    return dirs;
  }

  /// A file under HOME with `text` and `mode` (a password file, a key).
  std::filesystem::path secret(const std::string& name, const std::string& text,
                               unsigned mode = 0600) {
    auto path = home.path() / name;
    write_file(path, text);
    std::filesystem::permissions(path, std::filesystem::perms(mode));
    return path;
  }
};

}  // namespace dcos::testing
