// The nested containers of dcos-local: a command started inside a running task's sandbox, as
// the Mesos agent's LAUNCH_NESTED_CONTAINER_SESSION starts one, with its stdin, stdout and
// stderr on pipes that the container API streams. Each session has a thread that reads the
// pipes into a queue (it stops reading while 1 MiB waits, so a fast writer is held back by a
// slow reader) and reaps the process; when the command exits, whatever is left in its process
// group is killed, as Mesos destroys a nested container.
//
// A "TTY" here is an approximation: the command gets pipes, not a terminal, with its stderr
// merged into its stdout (a terminal has one output) and Ctrl-D (EOT) closing its stdin.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace dcos_local {

struct SessionSpec {
  std::string program;            ///< found on the PATH of `env` unless it has a '/'
  std::vector<std::string> argv;  ///< what the program gets as its arguments, argv[0] first
  std::string cwd;
  std::vector<std::pair<std::string, std::string>> env;  ///< the whole environment
  bool tty = false;
};

/// Output of a session, in the order it was written.
struct OutputPiece {
  bool is_stderr = false;
  std::string bytes;
};

class ContainerSession {
 public:
  /// Starts the command; nullptr and `error` when it could not even be forked. A command that
  /// cannot be executed writes why to its stderr and exits with 127, as a shell's would.
  static std::shared_ptr<ContainerSession> start(const SessionSpec& spec, std::string& error);
  ~ContainerSession();
  ContainerSession(const ContainerSession&) = delete;
  ContainerSession& operator=(const ContainerSession&) = delete;

  /// Takes the output written so far, waiting up to `wait` for some. `ended` is true once the
  /// process has exited and every byte it wrote has been taken.
  std::vector<OutputPiece> take_output(std::chrono::milliseconds wait, bool& ended);

  /// Writes to the command's stdin (false once it is closed or the command has gone).
  bool write_input(const std::string& bytes);
  /// Closes the command's stdin: it reads the end of its input.
  void close_input();
  bool tty() const { return tty_; }

  /// Claims the one input connection a session may have; false when another has it.
  bool claim_input();

  /// The wait(2) status once the process has exited, waiting up to `wait` (forever when
  /// nullopt) for it.
  std::optional<int> wait_status(std::optional<std::chrono::milliseconds> wait);
  bool finished();

  /// Kills the whole process group (the agent destroys a session whose client went away).
  void kill();

 private:
  ContainerSession() = default;
  void pump();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  bool tty_ = false;
  bool input_claimed_ = false;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<OutputPiece> queue_;
  size_t queued_bytes_ = 0;
  std::optional<int> status_;
  bool drained_ = false;  ///< status_ is set and the pipes are read to their end
  bool stopping_ = false;
  std::mutex input_mu_;  ///< one writer of stdin at a time
  std::thread pump_;
};

/// The sessions of the whole emulated cluster, by container id; finished ones are kept for a
/// while so that their exit status can be asked for.
class SessionRegistry {
 public:
  ~SessionRegistry();
  void add(const std::string& container_id, std::shared_ptr<ContainerSession> session);
  std::shared_ptr<ContainerSession> find(const std::string& container_id);

 private:
  struct Entry {
    std::shared_ptr<ContainerSession> session;
    std::chrono::steady_clock::time_point added;
  };
  std::mutex mu_;
  std::map<std::string, Entry> sessions_;
};

}  // namespace dcos_local
