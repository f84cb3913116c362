// Test harness: a temporary $DCOS_DIR, captured streams, a fake environment and a fake
// transport, and a way to run `dcos <args>` in-process through the real dispatcher.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"

namespace dcos::testing {

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The shared/ folder next to the repository, or "" when this clone has none.
inline std::filesystem::path shared_dir() {
  std::filesystem::path dir = DCOS_SHARED_DIR;
  std::error_code error;
  return std::filesystem::is_directory(dir, error) ? dir : std::filesystem::path();
}

/// Starts a test that needs the upstream fixtures: without ../shared (a user's clone) it is
/// skipped with a warning instead of failing.
#define REQUIRE_SHARED()                                                        \
  if (dcos::testing::shared_dir().empty()) {                                    \
    WARN("skipped: ../shared (the upstream fixtures) is absent in this clone"); \
    return;                                                                     \
  }

/// The text of ../shared/fixtures/<folder>/<name>.
inline std::string fixture(const std::string& folder, const std::string& name) {
  return read_file(shared_dir() / "fixtures" / folder / name);
}

struct Outcome {
  int status = 0;
  std::string out;
  std::string err;
};

/// One in-process `dcos` invocation environment.
class Harness {
 public:
  Harness() {
    env["DCOS_DIR"] = home.path().string();
    env["HOME"] = home.path().string();
  }

  std::filesystem::path dcos_dir() const { return home.path(); }

  /// Creates clusters/<id>/dcos.toml with `toml`; marks it attached when asked.
  std::filesystem::path add_cluster(const std::string& id, const std::string& toml,
                                    bool attached = false) {
    auto dir = home.path() / "clusters" / id;
    write_file(dir / "dcos.toml", toml);
    std::filesystem::permissions(dir / "dcos.toml", std::filesystem::perms(0600));
    if (attached) write_file(dir / "attached", "");
    return dir;
  }

  Outcome run(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream in(input);
    auto lookup = [this](const std::string& name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    auto fake = http;
    Context context(out, err, in, terminal, lookup,
                    [fake] { return std::make_unique<SharedTransport>(fake); });
    if (clock) context.now = [this] { return *clock; };
    context.sleep = [this](std::chrono::milliseconds pause) {
      slept.push_back(pause);
      if (clock) *clock += pause;
    };
    context.effects.open_browser = [this](const std::string& url) { opened.push_back(url); };
    context.effects.run_program = [this](const std::vector<std::string>& argv) -> Result<int> {
      ran.push_back(argv);
      return program_status;
    };
    context.effects.set_echo = [this](bool on) {
      if (!terminal.stdin_tty) return false;
      echo.push_back(on);
      return true;
    };
    Outcome outcome;
    outcome.status = run_cli(args, context);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
  }

  TempDir home;
  std::map<std::string, std::string> env;
  std::string input;
  Terminal terminal;
  std::shared_ptr<FakeTransport> http = std::make_shared<FakeTransport>();
  std::vector<std::chrono::milliseconds> slept;
  /// When set, the command's clock: it reads this time, and each of its sleeps moves it on.
  std::optional<std::chrono::system_clock::time_point> clock;
  std::vector<std::string> opened;  ///< URLs the command opened in a browser
  std::vector<bool> echo;           ///< each change of terminal echo, in order (false: off)
  std::vector<std::vector<std::string>> ran;  ///< the programs the command ran, in order
  Result<int> program_status = 0;             ///< what running a program gives back
};

/// A harness with one attached cluster, https://dcos.example with the token "tok"; its
/// Marathon is at kMarathonUrl.
struct ClusterHarness : Harness {
  static constexpr const char* kToml =
      "[core]\n  dcos_acs_token = \"tok\"\n  dcos_url = \"https://dcos.example\"\n";
  ClusterHarness() { add_cluster("c1", kToml, true); }
};

inline const std::string kMarathonUrl = "https://dcos.example/service/marathon";

}  // namespace dcos::testing
