// A Mesos agent's container I/O, through its operator API (POST <dcos>/slave/<agent>/api/v1,
// JSON messages): run a command in a new container nested in a task's container and stream its
// output (LAUNCH_NESTED_CONTAINER_SESSION), attach to the output of a running container
// (ATTACH_CONTAINER_OUTPUT), feed a container's stdin (ATTACH_CONTAINER_INPUT, a streamed
// request body) and wait for a container's exit status (WAIT_CONTAINER). Output and input are
// RecordIO streams of ProcessIO messages (client/recordio.hpp) whose data is base64 in JSON.
//
// The real DC/OS CLI speaks protobuf to the agent; this client speaks JSON, which every Mesos
// agent accepts as well (Content-Type application/json, Message-Accept application/json).
// The output and the input of one session are two requests at once: they need two clients on
// two transports, the input on a thread of its own.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// A container on an agent: its id and the ids of the containers it is nested in.
struct ContainerId {
  std::string value;
  std::vector<std::string> ancestors;  ///< outermost first; empty for a top-level container

  /// A container nested directly in this one.
  ContainerId child(std::string id) const;
  bool nested() const { return !ancestors.empty(); }
};

/// The command of a nested container session; run without a shell, as argv[0] with argv.
struct NestedCommand {
  std::vector<std::string> argv;  ///< at least the command itself
  std::string user;               ///< "" runs it as the task's user
  bool tty = false;               ///< give it a terminal (and TERM=xterm)
};

/// Where the bytes of a container's stdout and stderr go, as they arrive.
struct ProcessOutput {
  std::function<void(std::string_view)> out;
  std::function<void(std::string_view)> err;
};

/// How an output stream is followed: `started` is called once the agent accepted the call
/// (before any output), `keep_going` now and then while it waits for data (false ends it).
struct StreamControl {
  std::function<void()> started;
  std::function<bool()> keep_going;
};

/// What the producer of a container's stdin has next. `data` with bytes, `end` when the
/// input is over (sent as an empty DATA message, which closes the container's stdin),
/// `heartbeat` to keep an idle connection open, `stop` to end the request without closing
/// the container's stdin (the session is over, or the user detached).
struct InputPiece {
  enum class Kind { data, end, heartbeat, stop };
  Kind kind = Kind::stop;
  std::string bytes;
};

/// Produces the pieces of a container's stdin; called on the input request's thread, and may
/// block until it has one.
using InputFeed = std::function<InputPiece()>;

/// The size of a terminal, sent to a container with a TTY.
struct WindowSize {
  int rows = 0;
  int columns = 0;
};

class AgentIoClient {
 public:
  /// `http` is a client of the cluster's own URL (Admin Router); `agent_id` the agent to ask.
  AgentIoClient(HttpClient http, std::string agent_id);

  /// LAUNCH_NESTED_CONTAINER_SESSION: starts `command` in the new container `id` (nested in a
  /// task's container) and hands its output to `output` until it ends. The agent destroys the
  /// container when this connection closes. A 400 (no such parent container, a command that
  /// cannot start) is an invalid Error with the agent's message.
  Status launch_session(const ContainerId& id, const NestedCommand& command,
                        const ProcessOutput& output, const StreamControl& control);

  /// ATTACH_CONTAINER_OUTPUT: the output of the running container `id`, until it ends. A
  /// container launched without a TTY has nothing to attach to: that is an invalid Error
  /// saying so.
  Status attach_output(const ContainerId& id, const ProcessOutput& output,
                       const StreamControl& control);

  /// ATTACH_CONTAINER_INPUT: streams what `feed` produces to the stdin of container `id`
  /// (first its id, then a TTY_INFO with `window` when given, then the feed's pieces) until
  /// the feed ends it. An agent's 500 means the container has already finished and is not
  /// an error.
  Status attach_input(const ContainerId& id, std::optional<WindowSize> window, InputFeed feed);

  /// WAIT_CONTAINER: the wait(2) status the container `id` ended with, once it has ended;
  /// nullopt when the agent knows no status (the container was destroyed). not_found when
  /// the agent does not know the container.
  Result<std::optional<int>> wait(const ContainerId& id);

  /// "/slave/<agent>/api/v1", relative to the cluster's URL.
  const std::string& path() const { return path_; }

 private:
  Status follow_output(const std::string& body, const ProcessOutput& output,
                       const StreamControl& control);

  HttpClient http_;
  std::string path_;
};

/// A fresh random (version 4) UUID in its 36-character text form, for a new container id.
std::string new_container_id();

/// The exit code a shell would report for a wait(2) status: 128 + the signal when a signal
/// ended the process, else its exit status.
int exit_code_from_wait_status(int status);

}  // namespace dcos
