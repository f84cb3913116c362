#include "local/process.hpp"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

using namespace dcos_local;
namespace fs = std::filesystem;

namespace {

// A scratch directory removed at the end of each test.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "dcos-local-proc-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string path(const char* name) const { return (dir / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Polls try_reap like the scheduler does; nullopt if the child outlives the limit.
std::optional<ExitStatus> reap_within(pid_t pid, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (auto status = try_reap(pid)) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::nullopt;
}

bool group_gone_within(pid_t pgid, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (!group_alive(pgid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

SpawnSpec spec_in(const Scratch& s, std::string command) {
  return SpawnSpec{std::move(command), s.dir.string(), {}, s.path("stdout"), s.path("stderr")};
}

}  // namespace

TEST_CASE("spawn_shell redirects output and reports the exit code", "[local][process]") {
  Scratch s;
  Spawned child = spawn_shell(spec_in(s, "echo hello; echo oops >&2; exit 3"));
  REQUIRE(child.error.empty());
  REQUIRE(child.pid > 0);
  auto status = reap_within(child.pid, std::chrono::seconds(5));
  REQUIRE(status);
  CHECK_FALSE(status->signaled);
  CHECK(status->code == 3);
  CHECK(slurp(s.path("stdout")) == "hello\n");
  CHECK(slurp(s.path("stderr")) == "oops\n");
  CHECK(describe(*status) == "Command exited with status 3");
}

TEST_CASE("spawn_shell appends to existing output files", "[local][process]") {
  Scratch s;
  std::ofstream(s.path("stdout")) << "before\n";
  Spawned child = spawn_shell(spec_in(s, "echo after"));
  REQUIRE(child.pid > 0);
  REQUIRE(reap_within(child.pid, std::chrono::seconds(5)));
  CHECK(slurp(s.path("stdout")) == "before\nafter\n");
}

TEST_CASE("spawn_shell passes spec env over a minimal base env", "[local][process]") {
  Scratch s;
  ::setenv("DCOS_LOCAL_TEST_LEAK", "leaked", 1);
  SpawnSpec spec = spec_in(s, "echo \"$MESOS_TASK_ID|$DCOS_LOCAL_TEST_LEAK|$LANG|${PATH:+path}\"");
  spec.env = {{"MESOS_TASK_ID", "web.1234"}, {"LANG", "en_US.UTF-8"}};
  Spawned child = spawn_shell(spec);
  ::unsetenv("DCOS_LOCAL_TEST_LEAK");
  REQUIRE(child.pid > 0);
  REQUIRE(reap_within(child.pid, std::chrono::seconds(5)));
  CHECK(slurp(s.path("stdout")) == "web.1234||en_US.UTF-8|path\n");
}

TEST_CASE("spawn_shell runs in the sandbox directory", "[local][process]") {
  Scratch s;
  Spawned child = spawn_shell(spec_in(s, "pwd"));
  REQUIRE(child.pid > 0);
  REQUIRE(reap_within(child.pid, std::chrono::seconds(5)));
  std::string out = slurp(s.path("stdout"));
  REQUIRE_FALSE(out.empty());
  out.pop_back();  // the newline pwd prints
  CHECK(fs::equivalent(out, s.dir));
}

TEST_CASE("spawn_shell returns an error for a missing cwd", "[local][process]") {
  Scratch s;
  SpawnSpec spec = spec_in(s, "echo should-not-run");
  spec.cwd = s.path("missing");
  Spawned child = spawn_shell(spec);
  CHECK(child.pid == -1);
  CHECK(child.error.find("missing") != std::string::npos);
  CHECK(slurp(s.path("stdout")).empty());
}

TEST_CASE("spawn_shell returns an error for an unwritable output path", "[local][process]") {
  Scratch s;
  SpawnSpec spec = spec_in(s, "true");
  spec.stdout_path = s.path("no/such/dir/stdout");
  Spawned child = spawn_shell(spec);
  CHECK(child.pid == -1);
  CHECK_FALSE(child.error.empty());
}

TEST_CASE("tasks inherit only stdin, stdout and stderr", "[local][process]") {
  Scratch s;
  // A descriptor without CLOEXEC, as careless code elsewhere in the server might leave.
  const int leaky = 50;
  REQUIRE(::dup2(0, leaky) == leaky);
  Spawned child = spawn_shell(spec_in(s, "exec ls /proc/self/fd"));
  ::close(leaky);
  REQUIRE(child.pid > 0);
  REQUIRE(reap_within(child.pid, std::chrono::seconds(5)));
  // ls also lists the directory handle it reads with, so expect 0 1 2 and one more.
  std::istringstream lines(slurp(s.path("stdout")));
  std::vector<int> fds;
  for (int fd; lines >> fd;) fds.push_back(fd);
  REQUIRE(fds.size() == 4);
  CHECK(fds[0] == 0);
  CHECK(fds[1] == 1);
  CHECK(fds[2] == 2);
  CHECK(fds[3] != leaky);
}

TEST_CASE("signal_group kills the task and its children", "[local][process]") {
  Scratch s;
  Spawned child = spawn_shell(spec_in(s, "sleep 300 & echo $! > grandchild; wait"));
  REQUIRE(child.pid > 0);
  // Wait until the grandchild exists, or the kill could race its creation.
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (slurp(s.path("grandchild")).empty() && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_t grandchild = std::stoi(slurp(s.path("grandchild")));
  CHECK(::getpgid(grandchild) == child.pid);
  CHECK(try_reap(child.pid) == std::nullopt);
  CHECK(group_alive(child.pid));

  signal_group(child.pid, SIGTERM);
  auto status = reap_within(child.pid, std::chrono::seconds(5));
  REQUIRE(status);
  CHECK(status->signaled);
  CHECK(status->code == SIGTERM);
  CHECK(describe(*status).find("signal 15") != std::string::npos);
  CHECK(group_gone_within(child.pid, std::chrono::seconds(5)));
  signal_group(child.pid, SIGTERM);  // a vanished group is not an error
}

TEST_CASE("tasks do not inherit the parent's blocked or ignored signals", "[local][process]") {
  Scratch s;
  sigset_t block, old_mask;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  REQUIRE(::pthread_sigmask(SIG_BLOCK, &block, &old_mask) == 0);
  struct sigaction ignore {
  }, old_int{};
  ignore.sa_handler = SIG_IGN;
  REQUIRE(::sigaction(SIGINT, &ignore, &old_int) == 0);
  Spawned term_child = spawn_shell(spec_in(s, "sleep 300"));
  Spawned int_child = spawn_shell(spec_in(s, "sleep 300"));
  Spawned masks = spawn_shell(spec_in(s, "grep -E '^Sig(Blk|Ign)' /proc/self/status"));
  ::sigaction(SIGINT, &old_int, nullptr);
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  REQUIRE(term_child.pid > 0);
  REQUIRE(int_child.pid > 0);
  REQUIRE(masks.pid > 0);
  REQUIRE(reap_within(masks.pid, std::chrono::seconds(5)));
  CHECK(slurp(s.path("stdout")) == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");

  signal_group(term_child.pid, SIGTERM);
  signal_group(int_child.pid, SIGINT);
  auto term_status = reap_within(term_child.pid, std::chrono::seconds(5));
  auto int_status = reap_within(int_child.pid, std::chrono::seconds(5));
  if (!term_status) signal_group(term_child.pid, SIGKILL);
  if (!int_status) signal_group(int_child.pid, SIGKILL);
  REQUIRE(term_status);
  REQUIRE(int_status);
  CHECK(term_status->signaled);
  CHECK(term_status->code == SIGTERM);
  CHECK(int_status->signaled);
  CHECK(int_status->code == SIGINT);
}

TEST_CASE("try_reap and group_alive cope with pids that are not ours", "[local][process]") {
  auto status = try_reap(1);
  REQUIRE(status);
  CHECK(status->code == -1);
  CHECK_FALSE(group_alive(0));
  CHECK_FALSE(group_alive(-5));
}
