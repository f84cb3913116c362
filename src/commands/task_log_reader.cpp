#include "commands/task_log_reader.hpp"

#include "client/files_log.hpp"

namespace dcos {
namespace {

/// The error a followed task ends the command with: none when it finished.
Status ended(const std::string& id, const std::string& state, Context& context) {
  if (state == "TASK_FINISHED") {
    if (context.terminal.stderr_tty) context.err << "task " << id << " finished\n";
    return Status::success();
  }
  return Error::make(ErrorKind::generic, "task " + id + " ended: " + state);
}

}  // namespace

TaskLogReader::TaskLogReader(HttpClient admin_router, MesosTask task, std::string file)
    : logs_(admin_router),
      files_(std::move(admin_router)),
      task_(std::move(task)),
      file_(std::move(file)) {}

Result<std::string> TaskLogReader::tail(long long lines) {
  if (!use_files_) {
    auto text = logs_.task_text({task_.id, file_, lines});
    if (text || text.error().detail != ErrorDetail::log_api_missing) return text;
    use_files_ = true;
  }
  return FilesLog(files_, task_, file_).tail(lines);
}

Status TaskLogReader::follow(long long lines, LogFollow& follow) {
  if (!use_files_) {
    auto status = logs_.follow_task({task_.id, file_, lines}, follow);
    if (status.ok() || status.error().detail != ErrorDetail::log_api_missing) return status;
    use_files_ = true;
  }
  return FilesLog(files_, task_, file_).follow(lines, follow);
}

Result<std::string> TaskLogReader::rest(const std::string& cursor, long long lines) {
  if (cursor.empty()) return tail(lines);  // nothing handed over yet: the last lines
  if (use_files_) return std::string();    // the files follow reads to the end itself
  return logs_.task_text_from(task_.id, file_, cursor);
}

Result<HttpClient> own_client(Context& context, Service service,
                              std::unique_ptr<Transport>& transport) {
  auto options = context.service_options(service);
  if (!options) return options.take_error();
  transport = context.new_transport();
  return context.client(*options, *transport);
}

Status follow_task_log(const MesosTask& task, const std::string& file, long long lines,
                       HttpClient admin_router, Context& context) {
  const std::string id = task.id;
  std::unique_ptr<Transport> poll_transport;
  auto poller = own_client(context, Service::mesos, poll_transport);
  if (!poller) return poller.error();
  MesosClient master(std::move(poller).value());
  std::string final_state = terminal_task_state(task.state) ? task.state : "";
  auto last_poll = std::chrono::steady_clock::now();

  TaskLogReader reader(std::move(admin_router), task, file);
  std::string cursor;
  bool said_waiting = false;
  LogFollow follow;
  follow.on_entry = [&](const LogEntry& entry) {
    context.out << entry.message << '\n' << std::flush;
    if (!entry.cursor.empty()) cursor = entry.cursor;
    return true;
  };
  follow.keep_going = [&] {
    if (context.interrupted != nullptr && context.interrupted->load()) return false;
    if (context.terminal.stderr_tty && !said_waiting) {
      said_waiting = true;
      context.err << "(waiting for more of " << file << " of " << id << "; Ctrl-C to stop)\n";
    }
    if (!final_state.empty()) return false;
    if (std::chrono::steady_clock::now() - last_poll < kTaskStatePoll) return true;
    last_poll = std::chrono::steady_clock::now();
    auto state = master.task_state(id);
    if (state && terminal_task_state(*state)) final_state = *state;
    return final_state.empty();
  };
  follow.on_reconnect = [&](const Error& why) {
    context.info("the log stream of " + id + " broke (" + why.message + "); reconnecting");
  };
  follow.sleep = context.sleep;
  // A task that has already ended has nothing more to stream: its last lines and its end.
  if (!final_state.empty()) {
    auto text = reader.tail(lines);
    if (!text) return text.error();
    context.out << *text << std::flush;
    return ended(id, final_state, context);
  }
  auto status = reader.follow(lines, follow);
  if (context.interrupted != nullptr && context.interrupted->load())
    return Error::make(ErrorKind::cancelled, "interrupted");
  if (!status.ok()) return status;
  if (final_state.empty()) return Status::success();
  // The task ended: print what it wrote after the last line the stream gave.
  if (auto rest = reader.rest(cursor, lines); rest && !rest->empty())
    context.out << *rest << std::flush;
  return ended(id, final_state, context);
}

}  // namespace dcos
