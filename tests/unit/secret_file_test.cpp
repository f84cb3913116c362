#include <catch2/catch.hpp>
#include <filesystem>

#include "client/secret_file.hpp"
#include "support/harness.hpp"

using dcos::testing::TempDir;
using dcos::testing::write_file;

TEST_CASE("a secret file readable by others is refused with its mode", "[secret]") {
  TempDir dir;
  auto path = dir.path() / "password";
  write_file(path, "hunter2\n");
  std::filesystem::permissions(path, std::filesystem::perms(0644));
  auto read = dcos::read_secret_file(path.string());
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().kind == dcos::ErrorKind::invalid);
  CHECK(read.error().message ==
        "permissions 0644 for '" + path.string() + "' are too open, expected 0400 or 0600");
  CHECK(read.error().message.find("hunter2") == std::string::npos);

  std::filesystem::permissions(path, std::filesystem::perms(0640));
  CHECK(dcos::read_secret_file(path.string()).error().message.find("0640") != std::string::npos);
}

TEST_CASE("a secret file of mode 0600 or 0400 is read", "[secret]") {
  TempDir dir;
  auto path = dir.path() / "password";
  write_file(path, "hunter2 \n\n");
  for (unsigned mode : {0600u, 0400u}) {
    std::filesystem::permissions(path, std::filesystem::perms(mode));
    auto read = dcos::read_secret_file(path.string());
    REQUIRE(read.ok());
    CHECK(*read == "hunter2 \n\n");
    CHECK(dcos::trim_password(*read) == "hunter2");
  }
}

TEST_CASE("a missing secret file is an error naming the path", "[secret]") {
  TempDir dir;
  auto path = (dir.path() / "nope").string();
  auto read = dcos::read_secret_file(path);
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().kind == dcos::ErrorKind::not_found);
  CHECK(read.error().message.find(path) != std::string::npos);
}

TEST_CASE("trim_password drops trailing blanks only", "[secret]") {
  CHECK(dcos::trim_password("  pass word\r\n\t ") == "  pass word");
  CHECK(dcos::trim_password("\n\n").empty());
  CHECK(dcos::trim_password("").empty());
}
