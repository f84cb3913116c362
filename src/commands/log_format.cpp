#include "commands/log_format.hpp"

#include <ctime>
#include <string>

namespace dcos {
namespace {

/// The ANSI colour a priority is printed in.
std::string color_for(const std::string& priority) {
  if (priority == "0" || priority == "1" || priority == "2" || priority == "3")
    return "\033[0;31m";                       // emergency, alert, critical, error: red
  if (priority == "4") return "\033[0;33m";    // warning: yellow
  if (priority == "5") return "\033[0;34;1m";  // notice: bright blue
  return "\033[0;0m";
}

/// "YYYY-MM-DD HH:MM:SS UTC" of a time in microseconds since the epoch.
std::string utc_time(long long realtime_us) {
  const std::time_t seconds = static_cast<std::time_t>(realtime_us / 1000000);
  std::tm parts{};
  // Only a time past year 2^31 fails; it is printed as seconds since the epoch.
  if (::gmtime_r(&seconds, &parts) == nullptr) return "@" + std::to_string(seconds) + " UTC";
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

std::string short_line(const JournalRecord& entry) {
  std::string line = utc_time(entry.realtime_us);
  if (!entry.syslog_identifier.empty()) line += " " + entry.syslog_identifier;
  if (!entry.pid.empty()) line += " [" + entry.pid + "]";
  return line + ": " + entry.message;
}

std::string json_object(const JournalRecord& entry, bool pretty) {
  nlohmann::ordered_json object = {
      {"__CURSOR", entry.cursor},
      {"__MONOTONIC_TIMESTAMP", entry.monotonic_us},
      {"__REALTIME_TIMESTAMP", entry.realtime_us},
      {"MESSAGE", entry.message},
      {"PRIORITY", entry.priority},
      {"SYSLOG_FACILITY", entry.syslog_facility},
      {"SYSLOG_IDENTIFIER", entry.syslog_identifier},
      {"_BOOT_ID", entry.boot_id},
      {"_HOSTNAME", entry.hostname},
      {"_MACHINE_ID", entry.machine_id},
      {"_TRANSPORT", entry.transport},
  };
  return object.dump(pretty ? 4 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<LogFormat> parse_log_format(const std::string& name) {
  if (name == "short") return LogFormat::short_line;
  if (name == "cat") return LogFormat::cat;
  if (name == "json") return LogFormat::json;
  if (name == "json-pretty") return LogFormat::json_pretty;
  return Error::make(ErrorKind::usage,
                     "invalid output format '" + name + "': use short, cat, json or json-pretty");
}

std::string format_log_entry(const JournalRecord& entry, LogFormat format, bool color) {
  std::string text;
  switch (format) {
    case LogFormat::json:
    case LogFormat::json_pretty:
      return json_object(entry, format == LogFormat::json_pretty) + "\n";
    case LogFormat::cat:
      text = entry.message;
      break;
    case LogFormat::short_line:
      text = short_line(entry);
      break;
  }
  if (!color) return text + "\n";
  return color_for(entry.priority) + text + "\033[0m\n";
}

}  // namespace dcos
