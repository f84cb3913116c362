// The Context's side effects (browser, terminal echo) and its stderr lock: commands reach the
// machine only through them, so a test sees what was asked and nothing happens to the machine.
#include <atomic>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "cli/prompt.hpp"
#include "support/harness.hpp"

using dcos::testing::Harness;

namespace {

void one_cluster(Harness& h) {
  h.add_cluster("c1", "[core]\n  dcos_url = \"https://prod.example\"\n", true);
}

}  // namespace

TEST_CASE("cluster open asks the Context to open the URL only when a desktop is at hand") {
  Harness h;
  one_cluster(h);
  REQUIRE(h.run({"cluster", "open"}).out == "https://prod.example\n");
  CHECK(h.opened.empty());
  h.env["DISPLAY"] = ":0";
  REQUIRE(h.run({"cluster", "open"}).status == 0);
  CHECK(h.opened == std::vector<std::string>{"https://prod.example"});
}

TEST_CASE("a secret prompt turns echo off and back on through the Context") {
  std::ostringstream out, err;
  std::istringstream in("s3cret\nalice\n");
  dcos::Terminal terminal{.stdin_tty = true, .stdout_tty = false, .stderr_tty = true};
  dcos::Context context(out, err, in, terminal, {}, [] { return nullptr; });
  std::vector<bool> echo;
  context.effects.set_echo = [&echo](bool on) {
    echo.push_back(on);
    return true;
  };
  auto secret = dcos::prompt_line(context, "Password", dcos::Echo::hidden, "");
  REQUIRE(secret);
  CHECK(*secret == "s3cret");
  CHECK(echo == std::vector<bool>{false, true});
  CHECK(err.str() == "Password: \n");  // the line the hidden answer did not end
  auto plain = dcos::prompt_line(context, "Username", dcos::Echo::shown, "");
  REQUIRE(plain);
  CHECK(*plain == "alice");
  CHECK(echo.size() == 2);  // a plain question leaves echo alone
}

TEST_CASE("info and warn lines from several threads never interleave") {
  std::ostringstream out, err;
  std::istringstream in;
  dcos::Context context(out, err, in, {}, {}, [] { return nullptr; });
  context.verbosity = 1;
  constexpr int kLines = 200;
  auto write = [&context](const std::string& word) {
    for (int i = 0; i < kLines; ++i) context.info(word + word + word + word);
  };
  std::thread a(write, "aaaaaaaa");
  std::thread b(write, "bbbbbbbb");
  a.join();
  b.join();
  std::istringstream lines(err.str());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count)
    CHECK((line == std::string(32, 'a') || line == std::string(32, 'b')));
  CHECK(count == 2 * kLines);
}

TEST_CASE("a Ctrl-C ends a prompt at once, with echo back on and the cursor on a new line") {
  std::ostringstream out, err;
  std::istringstream in;
  dcos::Terminal terminal{.stdin_tty = true, .stdout_tty = false, .stderr_tty = true};
  dcos::Context context(out, err, in, terminal, {}, [] { return nullptr; });
  std::atomic<bool> interrupted{false};
  context.interrupted = &interrupted;
  std::vector<bool> echo;
  context.effects.set_echo = [&echo](bool on) {
    echo.push_back(on);
    return true;
  };
  // The terminal: "s3" typed, then nothing more until a Ctrl-C arrives.
  std::string typed = "s3";
  context.effects.read_stdin = [&](char* buffer, size_t, std::chrono::milliseconds) -> long {
    if (typed.empty()) {
      interrupted = true;  // as the SIGINT handler does; the wait returns early
      return -1;
    }
    buffer[0] = typed.front();
    typed.erase(0, 1);
    return 1;
  };
  auto secret = dcos::prompt_line(context, "Password", dcos::Echo::hidden, "");
  REQUIRE_FALSE(secret);
  CHECK(secret.error().kind == dcos::ErrorKind::cancelled);
  CHECK(secret.error().message == "interrupted");
  CHECK(echo == std::vector<bool>{false, true});
  CHECK(err.str() == "Password: \n");
}

TEST_CASE("a prompt reads the terminal a byte at a time up to Enter") {
  std::ostringstream out, err;
  std::istringstream in;
  dcos::Terminal terminal{.stdin_tty = true, .stdout_tty = false, .stderr_tty = true};
  dcos::Context context(out, err, in, terminal, {}, [] { return nullptr; });
  std::string typed = "alice\nrest";
  int waits = 0;
  context.effects.read_stdin = [&](char* buffer, size_t, std::chrono::milliseconds) -> long {
    if (waits++ % 2 == 0) return -1;  // nothing yet: the prompt waits again
    buffer[0] = typed.front();
    typed.erase(0, 1);
    return 1;
  };
  auto name = dcos::prompt_line(context, "Username", dcos::Echo::shown, "");
  REQUIRE(name);
  CHECK(*name == "alice");
  CHECK(typed == "rest");  // what was typed after Enter stays for the next question
}
