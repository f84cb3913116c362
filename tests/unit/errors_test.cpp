#include <catch2/catch.hpp>
#include <sstream>

#include "cli/errors.hpp"

using dcos::Error;
using dcos::ErrorKind;

TEST_CASE("every error kind maps to its documented exit code") {
  CHECK(dcos::exit_code_for(ErrorKind::generic) == 1);
  CHECK(dcos::exit_code_for(ErrorKind::usage) == 2);
  CHECK(dcos::exit_code_for(ErrorKind::not_found) == 3);
  CHECK(dcos::exit_code_for(ErrorKind::auth) == 4);
  CHECK(dcos::exit_code_for(ErrorKind::cancelled) == 130);
  for (auto kind :
       {ErrorKind::forbidden, ErrorKind::conflict, ErrorKind::invalid, ErrorKind::config,
        ErrorKind::tls, ErrorKind::network, ErrorKind::timeout, ErrorKind::server}) {
    CHECK(dcos::exit_code_for(kind) == 1);
  }
}

TEST_CASE("an error is one line, plus a hint line when there is a hint") {
  std::ostringstream err;
  CHECK(dcos::report_error(
            err, Error::make(ErrorKind::auth, "token expired", "run 'dcos auth login'")) == 4);
  CHECK(err.str() == "Error: token expired\nHint: run 'dcos auth login'\n");
  std::ostringstream plain;
  CHECK(dcos::report_error(plain, Error::make(ErrorKind::not_found, "no such key")) == 3);
  CHECK(plain.str() == "Error: no such key\n");
}

TEST_CASE("the exit code table lists every code") {
  std::string table(dcos::exit_code_table());
  for (const char* code : {"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  130 "}) {
    CHECK(table.find(code) != std::string::npos);
  }
}
