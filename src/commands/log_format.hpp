// How `node log` and `service log` print journal entries (the -o/--output formats of the real
// CLI, spec core-cli §1.7): short (a journalctl-like line), cat (the message alone), json and
// json-pretty (journalctl's JSON keys, one object per entry). short and cat lines are coloured
// by the entry's priority when the caller says colour is allowed (stdout is a terminal and
// NO_COLOR is unset: Context::color()). Pure: no I/O, no clock, no time zone.
#pragma once

#include <string>

#include "client/dcos_logs.hpp"

namespace dcos {

enum class LogFormat { short_line, cat, json, json_pretty };

/// The format an -o/--output value names; anything else is a usage Error naming the choices.
Result<LogFormat> parse_log_format(const std::string& name);

/// One entry as a line (a JSON object for json-pretty spans several), ending in "\n".
/// short: "2019-02-18 18:41:07 UTC mesos-master [123]: message", the time in UTC from
/// realtime_timestamp; " [PID]" only when there is a PID, the identifier only when there is
/// one. The real CLI leaves out the space between "UTC" and the identifier; this one does not.
/// json: __CURSOR, __MONOTONIC_TIMESTAMP, __REALTIME_TIMESTAMP, MESSAGE, PRIORITY,
/// SYSLOG_FACILITY, SYSLOG_IDENTIFIER, _BOOT_ID, _HOSTNAME, _MACHINE_ID, _TRANSPORT in that
/// order, the timestamps as numbers; json-pretty indents by 4 spaces. `color` wraps short and
/// cat lines (never JSON) in ANSI colours: priorities 0-3 red, 4 yellow, 5 bright blue, others
/// the default, each line reset before its newline.
std::string format_log_entry(const JournalRecord& entry, LogFormat format, bool color);

}  // namespace dcos
