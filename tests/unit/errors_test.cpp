#include <catch2/catch.hpp>
#include <sstream>

#include "cli/errors.hpp"

using dcos::Error;
using dcos::ErrorDetail;
using dcos::ErrorKind;

TEST_CASE("every error kind maps to its documented exit code") {
  CHECK(dcos::exit_code_for(ErrorKind::generic) == 1);
  CHECK(dcos::exit_code_for(ErrorKind::usage) == 2);
  CHECK(dcos::exit_code_for(ErrorKind::not_found) == 3);
  CHECK(dcos::exit_code_for(ErrorKind::auth) == 4);
  CHECK(dcos::exit_code_for(ErrorKind::still_running) == 5);
  CHECK(dcos::exit_code_for(ErrorKind::ambiguous) == 6);
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

TEST_CASE("detail codes become the hints that name commands and flags") {
  auto hint = [](ErrorDetail detail) {
    return dcos::hint_for(Error::detailed(ErrorKind::generic, "m", detail));
  };
  CHECK(hint(ErrorDetail::none).empty());
  CHECK(hint(ErrorDetail::not_logged_in) == "run 'dcos auth login'");
  CHECK(hint(ErrorDetail::no_matching_cluster) ==
        "run 'dcos cluster list' to see the configured clusters");
  CHECK(hint(ErrorDetail::no_cluster) == "run 'dcos cluster setup <url>' to add one");
  CHECK(hint(ErrorDetail::cluster_not_attached) ==
        "run 'dcos cluster attach <name>', or pick one per call with --cluster");
  CHECK(hint(ErrorDetail::several_attached) == "run 'dcos cluster attach <name>' to choose one");
  CHECK(hint(ErrorDetail::dcos_url_unset) ==
        "run 'dcos config set core.dcos_url <url>' or 'dcos cluster setup <url>'");
  CHECK(hint(ErrorDetail::config_unreadable) ==
        "fix the file by hand, or remove it and run 'dcos cluster setup' again");
  const std::string ssl_verify =
      "to choose how certificates are checked, run 'dcos config set core.ssl_verify "
      "<true|false|path-to-CA-bundle>'";
  CHECK(hint(ErrorDetail::tls_unknown_authority) == ssl_verify);
  CHECK(hint(ErrorDetail::tls_failure) == ssl_verify);
}

TEST_CASE("a deployment lock names the first deployment and says it or them") {
  auto one = Error::detailed(ErrorKind::conflict, "app '/a' is locked by deployment d1",
                             ErrorDetail::deployment_locked, {"d1"});
  CHECK(dcos::hint_for(one) ==
        "add --force to cancel it and apply the change anyway, or wait for it with "
        "'dcos marathon deployment watch d1'");
  auto two = Error::detailed(ErrorKind::conflict, "the change is locked by deployments d1, d2",
                             ErrorDetail::deployment_locked, {"d1", "d2"});
  CHECK(dcos::hint_for(two) ==
        "add --force to cancel them and apply the change anyway, or wait for it with "
        "'dcos marathon deployment watch d1'");
}

TEST_CASE("an error's own hint wins over its detail's, and both print the same way") {
  Error own = Error::detailed(ErrorKind::auth, "token expired", ErrorDetail::not_logged_in);
  own.hint = "ask the cluster's operator";
  CHECK(dcos::hint_for(own) == "ask the cluster's operator");

  std::ostringstream err;
  CHECK(dcos::report_error(err, Error::detailed(ErrorKind::auth, "token expired",
                                                ErrorDetail::not_logged_in)) == 4);
  CHECK(err.str() == "Error: token expired\nHint: run 'dcos auth login'\n");
}

TEST_CASE("the exit code table lists every code") {
  std::string table(dcos::exit_code_table());
  for (const char* code : {"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  130 "}) {
    CHECK(table.find(code) != std::string::npos);
  }
}

TEST_CASE("a timed-out request's hint names the URL and never asks for more waiting in vain") {
  const std::string url = "https://dcos.example/dcos-metadata/dcos-version.json";
  auto hint = [&url](const std::string& stage) {
    return dcos::hint_for(
        Error::detailed(ErrorKind::timeout, "m", ErrorDetail::timed_out, {url, "180 s", stage}));
  };
  const std::string answer = hint("answer");
  CHECK(answer.find(url) != std::string::npos);
  CHECK(answer.find("core.timeout") != std::string::npos);
  CHECK(answer.find("raise") == std::string::npos);
  const std::string connect = hint("connect");
  CHECK(connect.find(url) != std::string::npos);
  CHECK(connect.find("raise") == std::string::npos);
  const std::string body = hint("body");  // an answer still coming may just need more time
  CHECK(body.find(url) != std::string::npos);
  CHECK(body.find("raise core.timeout") != std::string::npos);
}
