#include "cli/system_effects.hpp"

#include <termios.h>
#include <unistd.h>

#include <memory>

namespace dcos {
namespace {

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
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &silent) != 0) return false;
    state.off = true;
    return true;
  }
  if (!state.off) return true;
  state.off = false;
  return ::tcsetattr(STDIN_FILENO, TCSANOW, &state.saved) == 0;
}

void open_browser(const std::string& url) {
  // Not waited for: the opener may run as long as the browser; its exit is of no interest.
  pid_t child = ::fork();
  if (child == 0) {
    ::execlp("xdg-open", "xdg-open", url.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

}  // namespace

Effects system_effects() {
  Effects effects;
  effects.open_browser = open_browser;
  effects.set_echo = [state = std::make_shared<EchoState>()](bool on) {
    return set_echo(*state, on);
  };
  return effects;
}

}  // namespace dcos
