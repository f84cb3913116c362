#include "commands/task/task_session.hpp"

#include <atomic>
#include <istream>
#include <ostream>
#include <thread>

#include "client/strings.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// How long a read of stdin waits before it looks whether the session is over.
constexpr milliseconds kInputPoll{250};
/// How often an idle input connection sends a heartbeat.
constexpr std::chrono::seconds kHeartbeat{30};

/// Raw mode on the local terminal for as long as it lives (or until restore()).
class RawTerminal {
 public:
  RawTerminal(Context& context, bool wanted)
      : context_(context), on_(wanted && context.effects.set_raw(true)) {}
  ~RawTerminal() { restore(); }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;
  void restore() {
    if (on_) context_.effects.set_raw(false);
    on_ = false;
  }

 private:
  Context& context_;
  bool on_;
};

/// Removes the escape sequence from typed keys; a sequence split over two reads is still one.
class EscapeFilter {
 public:
  explicit EscapeFilter(std::string sequence) : sequence_(std::move(sequence)) {}

  /// The bytes to send; sets `escaped` when the whole sequence was typed.
  std::string filter(std::string_view typed, bool& escaped) {
    if (sequence_.empty()) return std::string(typed);
    std::string kept;
    for (char c : typed) {
      if (c == sequence_[matched_]) {
        if (++matched_ == sequence_.size()) {
          escaped = true;
          return kept;
        }
        continue;
      }
      kept.append(sequence_, 0, matched_);
      matched_ = c == sequence_[0] ? 1 : 0;
      if (matched_ == 0) kept += c;
    }
    return kept;
  }

 private:
  std::string sequence_;
  size_t matched_ = 0;
};

/// Reads stdin through the Context: the effect when there is one, else the `in` stream.
long read_input(Context& context, char* buffer, size_t size) {
  if (context.effects.read_stdin) return context.effects.read_stdin(buffer, size, kInputPoll);
  context.in.read(buffer, static_cast<std::streamsize>(size));
  return static_cast<long>(context.in.gcount());
}

/// What the input thread shares with the main thread.
struct SessionFlags {
  std::atomic<bool> over{false};      ///< the output ended: stop feeding input
  std::atomic<bool> detached{false};  ///< the escape sequence was typed
};

InputFeed make_feed(const SessionPlan& plan, SessionFlags& flags, Context& context) {
  struct FeedState {
    EscapeFilter escape;
    steady_clock::time_point last_sent = steady_clock::now();
    bool ended = false;
  };
  auto state = std::make_shared<FeedState>(FeedState{
      EscapeFilter(plan.raw_terminal ? plan.escape : std::string()), steady_clock::now(), false});
  const bool tty = plan.launch ? plan.launch->tty : true;
  return [state, tty, &flags, &context]() -> InputPiece {
    char buffer[4096];
    for (;;) {
      const bool interrupted = context.interrupted != nullptr && context.interrupted->load();
      if (state->ended || flags.detached || interrupted) return {};
      // Once the output is over, what stdin still has goes nowhere. A Context without a
      // stdin effect reads a stream that ends (a test's input): that is read to its end, so
      // what the command was given does not depend on which thread got there first.
      if (flags.over && context.effects.read_stdin) return {};
      const long count = read_input(context, buffer, sizeof buffer);
      if (count == 0) {
        // A terminal ends its input with Ctrl-D, which a container with a TTY expects as data.
        if (!tty) return {InputPiece::Kind::end, {}};
        state->ended = true;
        return {InputPiece::Kind::data, "\x04"};
      }
      if (count < 0) {
        if (flags.over) return {};
        if (steady_clock::now() - state->last_sent < kHeartbeat) continue;
        state->last_sent = steady_clock::now();
        return {InputPiece::Kind::heartbeat, {}};
      }
      bool escaped = false;
      std::string bytes =
          state->escape.filter(std::string_view(buffer, static_cast<size_t>(count)), escaped);
      if (escaped) flags.detached = true;
      if (!bytes.empty()) {
        state->last_sent = steady_clock::now();
        return {InputPiece::Kind::data, std::move(bytes)};
      }
    }
  };
}

Status exit_status(AgentIoClient& agent, const ContainerId& container) {
  auto waited = agent.wait(container);
  if (!waited) return waited.error();
  if (!waited->has_value())
    return Error::make(ErrorKind::generic,
                       "the agent reported no exit status: the command's container was "
                       "destroyed before it exited");
  const int code = exit_code_from_wait_status(**waited);
  return code == 0 ? Status::success() : Status(Error::remote_exit(code));
}

std::optional<char> key_byte(std::string_view key) {
  const std::string lower = to_lower(key);
  if (key.size() == 1) return key[0];
  if (!starts_with(lower, "ctrl-") || lower.size() != 6) return std::nullopt;
  const char c = lower[5];
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 1);
  switch (c) {
    case '@':
      return '\0';
    case '[':
    case '\\':
    case ']':
    case '^':
    case '_':
      return static_cast<char>(c & 0x1f);
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<std::string> escape_sequence(const std::optional<std::string>& setting) {
  if (!setting) return std::string("\x10\x11");  // Ctrl-P Ctrl-Q
  std::string bytes;
  if (trim(*setting).empty()) return bytes;
  for (const auto& key : split(*setting, ',')) {
    auto byte = key_byte(trim(key));
    if (!byte)
      return Error::make(ErrorKind::usage,
                         "DCOS_TASK_ESCAPE_SEQUENCE: '" + std::string(trim(key)) +
                             "' is not a key; use keys such as ctrl-p,ctrl-q or a single "
                             "character, separated by commas");
    bytes += *byte;
  }
  return bytes;
}

Status run_session(const SessionPlan& plan, Context& context) {
  auto options = context.service_options(Service::admin_router);
  if (!options) return options.error();
  AgentIoClient agent(context.client(*options), plan.agent_id);

  SessionFlags flags;
  std::unique_ptr<Transport> input_transport;
  if (plan.input) input_transport = context.new_transport();
  std::thread input_thread;
  Status input_status;
  const auto [rows, columns] = context.effects.window_size();
  std::optional<WindowSize> window;
  if (plan.launch ? plan.launch->tty : plan.raw_terminal) window = WindowSize{rows, columns};

  RawTerminal raw(context, plan.raw_terminal);
  StreamControl control;
  control.started = [&] {
    if (!plan.input || input_thread.joinable()) return;
    input_thread = std::thread([&] {
      AgentIoClient input(context.client(*options, *input_transport), plan.agent_id);
      input_status = input.attach_input(plan.container, window, make_feed(plan, flags, context));
    });
  };
  control.keep_going = [&] {
    return !flags.detached && !(context.interrupted != nullptr && context.interrupted->load());
  };
  // The remote stderr is written straight to the local one: with -v, a trace line of the input
  // connection may land in the middle of it.
  ProcessOutput output;
  output.out = [&context](std::string_view bytes) {
    context.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    context.out.flush();
  };
  output.err = [&context](std::string_view bytes) {
    context.err.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    context.err.flush();
  };
  Status streamed = plan.launch
                        ? agent.launch_session(plan.container, *plan.launch, output, control)
                        : agent.attach_output(plan.container, output, control);
  flags.over = true;
  if (input_thread.joinable()) input_thread.join();
  raw.restore();

  if (flags.detached) return Status::success();
  if (!streamed) return streamed;
  if (!input_status && input_status.error().kind != ErrorKind::cancelled)
    context.warn("the input of the command was cut short: " + input_status.error().message);
  if (!plan.wait_for_exit) return Status::success();
  return exit_status(agent, plan.container);
}

}  // namespace dcos
