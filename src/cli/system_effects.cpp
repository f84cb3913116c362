#include "cli/system_effects.hpp"

#include <poll.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <memory>

namespace dcos {
namespace {

/// The terminal modes of stdin from before this process first changed them, for a signal
/// handler that ends the process (restore_terminal_now). It is process-wide state because a
/// signal handler can reach nothing else; the Effects' own states below do the normal work.
struct SavedModes {
  termios modes{};
  volatile sig_atomic_t held = 0;  ///< 1 while the modes are changed
};
SavedModes saved_modes;

void remember_modes(const termios& original) {
  if (saved_modes.held != 0) return;
  saved_modes.modes = original;
  saved_modes.held = 1;
}

void forget_modes() { saved_modes.held = 0; }

/// The terminal modes of stdin as they were before echo was turned off, to put them back.
struct EchoState {
  termios saved{};
  bool off = false;
};

bool set_echo(EchoState& state, bool on) {
  if (!on) {
    if (state.off) return true;
    if (::tcgetattr(STDIN_FILENO, &state.saved) != 0) return false;
    termios silent = state.saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    remember_modes(state.saved);
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &silent) != 0) {
      forget_modes();
      return false;
    }
    state.off = true;
    return true;
  }
  if (!state.off) return true;
  state.off = false;
  const bool restored = ::tcsetattr(STDIN_FILENO, TCSANOW, &state.saved) == 0;
  forget_modes();
  return restored;
}

/// The terminal modes of stdin as they were before raw mode, to put them back.
struct RawState {
  termios saved{};
  bool raw = false;
};

bool set_raw(RawState& state, bool on) {
  if (on) {
    if (state.raw) return true;
    if (::tcgetattr(STDIN_FILENO, &state.saved) != 0) return false;
    termios raw = state.saved;
    // As cfmakeraw, except that output is still translated (\n -> \r\n): a remote command
    // whose "terminal" is a pipe writes bare newlines.
    raw.c_iflag &=
        ~static_cast<tcflag_t>(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    raw.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB);
    raw.c_cflag |= CS8;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    remember_modes(state.saved);
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
      forget_modes();
      return false;
    }
    state.raw = true;
    return true;
  }
  if (!state.raw) return true;
  state.raw = false;
  const bool restored = ::tcsetattr(STDIN_FILENO, TCSANOW, &state.saved) == 0;
  forget_modes();
  return restored;
}

long read_stdin(char* buffer, size_t size, std::chrono::milliseconds wait) {
  pollfd input{STDIN_FILENO, POLLIN, 0};
  int ready = ::poll(&input, 1, static_cast<int>(wait.count()));
  if (ready == 0 || (ready < 0 && errno == EINTR)) return -1;
  if (ready < 0) return 0;
  for (;;) {
    ssize_t count = ::read(STDIN_FILENO, buffer, size);
    if (count >= 0) return static_cast<long>(count);
    if (errno == EINTR) return -1;
    if (errno == EAGAIN) return -1;
    return 0;  // an unreadable stdin ends the input
  }
}

std::pair<int, int> window_size() {
  winsize size{};
  if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &size) != 0) return {0, 0};
  return {size.ws_row, size.ws_col};
}

void open_browser(const std::string& url) {
  // Not waited for: the opener may run as long as the browser; its exit is of no interest.
  pid_t child = ::fork();
  if (child == 0) {
    ::execlp("xdg-open", "xdg-open", url.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

Result<int> run_program(const std::vector<std::string>& argv) {
  if (argv.empty()) return Error::make(ErrorKind::generic, "no program to run");
  std::vector<char*> words;
  for (const auto& word : argv) words.push_back(const_cast<char*>(word.c_str()));
  words.push_back(nullptr);
  pid_t child = 0;
  const int failed = ::posix_spawnp(&child, words[0], nullptr, nullptr, words.data(), environ);
  if (failed == ENOENT)
    return Error::make(ErrorKind::not_found, "cannot run " + argv[0] + ": no such program in PATH");
  if (failed != 0)
    return Error::make(ErrorKind::generic,
                       "cannot run " + argv[0] + ": " + std::string(std::strerror(failed)));
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR)
      return Error::make(ErrorKind::generic, "lost " + argv[0] + ": " + std::strerror(errno));
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace

void restore_terminal_now() {
  if (saved_modes.held == 0) return;
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes.modes);
  saved_modes.held = 0;
}

Effects system_effects() {
  Effects effects;
  effects.open_browser = open_browser;
  effects.run_program = run_program;
  effects.set_echo = [state = std::make_shared<EchoState>()](bool on) {
    return set_echo(*state, on);
  };
  effects.set_raw = [state = std::make_shared<RawState>()](bool on) { return set_raw(*state, on); };
  effects.window_size = window_size;
  effects.read_stdin = read_stdin;
  return effects;
}

}  // namespace dcos
