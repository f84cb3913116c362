#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "client/atomic_file.hpp"
#include "client/config.hpp"
#include "support/harness.hpp"

using dcos::testing::read_file;
using dcos::testing::TempDir;
using dcos::testing::write_file;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("an atomic write replaces the file with mode 0600") {
  TempDir dir;
  auto target = dir.path() / "dcos.toml";
  write_file(target, "old");
  std::filesystem::permissions(target, std::filesystem::perms(0644));
  REQUIRE(dcos::write_file_atomically(target, "new contents\n"));
  CHECK(read_file(target) == "new contents\n");
  CHECK(mode_of(target) == 0600);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("a crash in the middle of a config write leaves the old file intact") {
  TempDir dir;
  auto target = dir.path() / "dcos.toml";
  const std::string before = "\n[core]\n  dcos_url = \"https://before.example\"\n";
  write_file(target, before);

  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto config = dcos::Config::load(target);
    if (!config) ::_exit(2);
    if (!config->set("core.dcos_url", "https://after.example")) ::_exit(3);
    dcos::AtomicWriteOptions crash;
    crash.before_commit = [] { ::_exit(9); };  // dies with the new file written but not renamed
    (void)config->save(crash);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 9);

  CHECK(read_file(target) == before);
  auto reloaded = dcos::Config::load(target);
  REQUIRE(reloaded.ok());
  CHECK(reloaded->get("core.dcos_url") == "https://before.example");

  // The next successful write still works and cleans up after itself.
  REQUIRE(reloaded->set("core.timeout", "5"));
  REQUIRE(reloaded->save());
  CHECK(dcos::Config::load(target)->get("core.timeout") == "5");
}

TEST_CASE("a write into a missing folder fails with a message naming the path") {
  TempDir dir;
  auto status = dcos::write_file_atomically(dir.path() / "missing" / "dcos.toml", "x");
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message.find("missing") != std::string::npos);
}

TEST_CASE("a streamed file appears under its name only when committed") {
  TempDir dir;
  auto target = dir.path() / "stdout";
  write_file(target, "old");
  auto count = [&] {
    return std::distance(std::filesystem::directory_iterator(dir.path()),
                         std::filesystem::directory_iterator());
  };
  {
    auto file = dcos::StreamedFile::create(target);
    REQUIRE(file.ok());
    REQUIRE(file->write("new "));
    REQUIRE(file->write("contents"));
    CHECK(read_file(target) == "old");  // the pieces go to a temporary file beside it
    CHECK(count() == 2);
    REQUIRE(file->commit());
  }
  CHECK(read_file(target) == "new contents");
  CHECK(count() == 1);
  const mode_t mask = ::umask(022);
  ::umask(mask);
  CHECK(mode_of(target) == (0666 & ~mask));

  {
    auto dropped = dcos::StreamedFile::create(dir.path() / "partial");
    REQUIRE(dropped.ok());
    REQUIRE(dropped->write("half"));
  }
  CHECK(count() == 1);  // dropped without commit: nothing left behind

  auto nowhere = dcos::StreamedFile::create(dir.path() / "missing" / "file");
  REQUIRE(!nowhere.ok());
  CHECK(nowhere.error().message.find("cannot create a file in ") == 0);
}
