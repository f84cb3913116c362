// The journal entry formats of `node log` and `service log marathon`: exact lines for short
// (with the space the real CLI leaves out after "UTC"), cat, json and json-pretty, the colours
// by priority, and the typed view of a dcos-log entry they print from (on the upstream fixture).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands/log_format.hpp"
#include "support/harness.hpp"

using dcos::format_log_entry;
using dcos::JournalRecord;
using dcos::LogFormat;

namespace {

JournalRecord entry(const std::string& priority = "6") {
  JournalRecord record;
  record.cursor = "s=ab;i=7";
  record.monotonic_us = 29993006955;
  record.realtime_us = 1550515267123456;  // 2019-02-18 18:41:07.123456 UTC
  record.message = "Elected as the leading master!";
  record.priority = priority;
  record.syslog_facility = "3";
  record.syslog_identifier = "mesos-master";
  record.pid = "1234";
  record.boot_id = "b00t";
  record.hostname = "10.0.7.122";
  record.machine_id = "m4ch1ne";
  record.transport = "stdout";
  return record;
}

}  // namespace

TEST_CASE("short: UTC time, a space, identifier, [PID], then the message") {
  CHECK(format_log_entry(entry(), LogFormat::short_line, false) ==
        "2019-02-18 18:41:07 UTC mesos-master [1234]: Elected as the leading master!\n");
  JournalRecord bare = entry();
  bare.pid.clear();
  CHECK(format_log_entry(bare, LogFormat::short_line, false) ==
        "2019-02-18 18:41:07 UTC mesos-master: Elected as the leading master!\n");
  bare.syslog_identifier.clear();
  bare.message = "info message";
  CHECK(format_log_entry(bare, LogFormat::short_line, false) ==
        "2019-02-18 18:41:07 UTC: info message\n");
  JournalRecord pid_only = bare;
  pid_only.pid = "9";
  CHECK(format_log_entry(pid_only, LogFormat::short_line, false) ==
        "2019-02-18 18:41:07 UTC [9]: info message\n");
  JournalRecord epoch;  // an entry with nothing at all
  CHECK(format_log_entry(epoch, LogFormat::short_line, false) == "1970-01-01 00:00:00 UTC: \n");
}

TEST_CASE("cat prints the message alone") {
  CHECK(format_log_entry(entry(), LogFormat::cat, false) == "Elected as the leading master!\n");
}

TEST_CASE("json and json-pretty: journalctl's keys in journalctl's order, numbers as numbers") {
  const std::string compact =
      R"({"__CURSOR":"s=ab;i=7","__MONOTONIC_TIMESTAMP":29993006955,)"
      R"("__REALTIME_TIMESTAMP":1550515267123456,"MESSAGE":"Elected as the leading master!",)"
      R"("PRIORITY":"6","SYSLOG_FACILITY":"3","SYSLOG_IDENTIFIER":"mesos-master",)"
      R"("_BOOT_ID":"b00t","_HOSTNAME":"10.0.7.122","_MACHINE_ID":"m4ch1ne","_TRANSPORT":"stdout"})"
      "\n";
  CHECK(format_log_entry(entry(), LogFormat::json, false) == compact);
  const std::string pretty =
      "{\n"
      "    \"__CURSOR\": \"s=ab;i=7\",\n"
      "    \"__MONOTONIC_TIMESTAMP\": 29993006955,\n"
      "    \"__REALTIME_TIMESTAMP\": 1550515267123456,\n"
      "    \"MESSAGE\": \"Elected as the leading master!\",\n"
      "    \"PRIORITY\": \"6\",\n"
      "    \"SYSLOG_FACILITY\": \"3\",\n"
      "    \"SYSLOG_IDENTIFIER\": \"mesos-master\",\n"
      "    \"_BOOT_ID\": \"b00t\",\n"
      "    \"_HOSTNAME\": \"10.0.7.122\",\n"
      "    \"_MACHINE_ID\": \"m4ch1ne\",\n"
      "    \"_TRANSPORT\": \"stdout\"\n"
      "}\n";
  CHECK(format_log_entry(entry(), LogFormat::json_pretty, false) == pretty);
  // Colour never touches JSON, and a message that is not UTF-8 still gives valid JSON.
  CHECK(format_log_entry(entry("3"), LogFormat::json, true) ==
        format_log_entry(entry("3"), LogFormat::json, false));
  JournalRecord bad = entry();
  bad.message = "caf\xe9";
  const std::string line = format_log_entry(bad, LogFormat::json, false);
  CHECK(line.find("\"MESSAGE\":\"caf\xef\xbf\xbd\"") != std::string::npos);
}

TEST_CASE("colours by priority wrap short and cat lines, reset before the newline") {
  const std::string text =
      "2019-02-18 18:41:07 UTC mesos-master [1234]: Elected as the leading master!";
  for (const char* priority : {"0", "1", "2", "3"})
    CHECK(format_log_entry(entry(priority), LogFormat::short_line, true) ==
          "\033[0;31m" + text + "\033[0m\n");
  CHECK(format_log_entry(entry("4"), LogFormat::short_line, true) ==
        "\033[0;33m" + text + "\033[0m\n");
  CHECK(format_log_entry(entry("5"), LogFormat::short_line, true) ==
        "\033[0;34;1m" + text + "\033[0m\n");
  for (const char* priority : {"6", "7", ""})
    CHECK(format_log_entry(entry(priority), LogFormat::short_line, true) ==
          "\033[0;0m" + text + "\033[0m\n");
  CHECK(format_log_entry(entry("4"), LogFormat::cat, true) ==
        "\033[0;33mElected as the leading master!\033[0m\n");
}

TEST_CASE("output format names: the four formats, anything else a usage error naming them") {
  CHECK(*dcos::parse_log_format("short") == LogFormat::short_line);
  CHECK(*dcos::parse_log_format("cat") == LogFormat::cat);
  CHECK(*dcos::parse_log_format("json") == LogFormat::json);
  CHECK(*dcos::parse_log_format("json-pretty") == LogFormat::json_pretty);
  auto bad = dcos::parse_log_format("verbose");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == dcos::ErrorKind::usage);
  CHECK(bad.error().message ==
        "invalid output format 'verbose': use short, cat, json or json-pretty");
}

TEST_CASE("the upstream journal entry, read and printed in every format") {
  REQUIRE_SHARED();
  auto raw = nlohmann::json::parse(
      dcos::testing::fixture("dcos/logs", "journal-entry.application-json.dcos-log-readme.json"));
  JournalRecord record = JournalRecord::from_entry(raw);
  CHECK(record.cursor.rfind("s=f78aeb5184144e2a94963a42b0cac49e;i=262;", 0) == 0);
  CHECK(record.monotonic_us == 29993006955);
  CHECK(record.realtime_us == 1476253700204926);
  CHECK(record.pid == "1");
  CHECK(record.machine_id == "48230110dd084e91b7b6885728b98295");
  // The same moment the fixture's text form shows ("Wed Oct 12 06:28:20 2016 ... systemd [1]").
  CHECK(format_log_entry(record, LogFormat::short_line, false) ==
        "2016-10-12 06:28:20 UTC systemd [1]: Starting Daily Cleanup of Temporary Directories.\n");
  CHECK(format_log_entry(record, LogFormat::cat, false) ==
        "Starting Daily Cleanup of Temporary Directories.\n");
  auto printed = nlohmann::json::parse(format_log_entry(record, LogFormat::json, false));
  CHECK(printed["__CURSOR"] == raw["cursor"]);
  CHECK(printed["_HOSTNAME"] == "a60c1d059aea");
  CHECK(printed["SYSLOG_FACILITY"] == "3");
  CHECK(printed["_TRANSPORT"] == "journal");
  CHECK(printed.size() == 11);
}

TEST_CASE("a journal entry's fields that are missing or not strings read as empty") {
  auto raw = nlohmann::json::parse(
      R"({"fields":{"MESSAGE":"m","PRIORITY":6,"_PID":null},"realtime_timestamp":"soon"})");
  JournalRecord record = JournalRecord::from_entry(raw);
  CHECK(record.message == "m");
  CHECK(record.priority.empty());
  CHECK(record.pid.empty());
  CHECK(record.realtime_us == 0);
  CHECK(record.cursor.empty());
  CHECK(JournalRecord::from_entry(nlohmann::json::array()).message.empty());
}
