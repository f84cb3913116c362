#include "commands/component_log.hpp"

namespace dcos {
namespace {

bool interrupted(const Context& context) {
  return context.interrupted != nullptr && context.interrupted->load();
}

/// "dcos-mesos-master.service of leader/mesos", for the messages on stderr.
std::string described(const ComponentLogQuery& query) {
  const std::string node = query.route.empty() ? "the master" : query.route.substr(1);
  return (query.unit.empty() ? "the journal" : query.unit) + " of " + node;
}

}  // namespace

Status print_component_log(const ComponentLogQuery& query, LogFormat format, bool follow,
                           Context& context) {
  auto http = context.client(Service::admin_router);
  if (!http) return http.error();
  LogClient logs(std::move(http).value());
  const bool color = context.color();
  if (!follow) {
    auto entries = logs.component(query);
    if (!entries) return entries.error();
    for (const auto& entry : *entries)
      context.out << format_log_entry(entry.journal, format, color);
    context.out.flush();
    return Status::success();
  }
  bool said_waiting = false;
  LogFollow streamed;
  streamed.on_entry = [&](const LogEntry& entry) {
    context.out << format_log_entry(entry.journal, format, color) << std::flush;
    return true;
  };
  streamed.keep_going = [&] {
    if (interrupted(context)) return false;
    if (context.terminal.stderr_tty && !said_waiting) {
      said_waiting = true;
      context.err << "(waiting for new entries of " << described(query) << "; Ctrl-C to stop)\n";
    }
    return true;
  };
  streamed.on_reconnect = [&](const Error& why) {
    context.info("the log stream of " + described(query) + " broke (" + why.message +
                 "); reconnecting");
  };
  streamed.sleep = context.sleep;
  auto status = logs.follow_component(query, streamed);
  if (interrupted(context)) return Error::make(ErrorKind::cancelled, "interrupted");
  return status;
}

}  // namespace dcos
