// Process entry point: builds the real Context (standard streams, terminal facts, environment,
// libcurl transport) and hands the arguments to the dispatcher.
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"
#include "cli/system_effects.hpp"
#include "client/curl_transport.hpp"

namespace {

// Process-wide because signal handlers can reach nothing else.
std::atomic<bool> interrupted{false};
volatile sig_atomic_t stderr_tty = 0;

/// Ends the process from a signal handler: the terminal's modes back as they were (echo on),
/// then "Error: <what>" on a line of its own (a ^C may have been echoed on the current one).
[[noreturn]] void end_now(int status, const char* message, size_t length) {
  dcos::restore_terminal_now();
  if (stderr_tty != 0) (void)!::write(STDERR_FILENO, "\n", 1);
  (void)!::write(STDERR_FILENO, message, length);
  ::_exit(status);
}

/// The first Ctrl-C (SIGINT) sets the flag that prompts, requests and waits watch: they give
/// up at once and the command ends with "Error: interrupted" and exit 130. A second one ends
/// the process at once, for anything that does not watch the flag.
void on_interrupt(int) {
  static constexpr char kMessage[] = "Error: interrupted\n";
  if (interrupted.exchange(true)) end_now(130, kMessage, sizeof kMessage - 1);
}

/// SIGTERM ends the process at once (exit 143, 128 + SIGTERM, as a shell reports a process
/// the signal killed), with the terminal's modes restored.
void on_terminate(int) {
  static constexpr char kMessage[] = "Error: terminated\n";
  end_now(143, kMessage, sizeof kMessage - 1);
}

/// Installs `handler` without SA_RESTART, so that a blocked poll or read returns EINTR.
void handle(int signal, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  ::sigaction(signal, &action, nullptr);
}

dcos::Terminal probe_terminal() {
  dcos::Terminal terminal;
  terminal.stdin_tty = ::isatty(STDIN_FILENO) == 1;
  terminal.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  terminal.stderr_tty = ::isatty(STDERR_FILENO) == 1;
  // stdout's width for tables; stderr's for progress and notices when stdout is a pipe.
  const int sized = terminal.stdout_tty ? STDOUT_FILENO : STDERR_FILENO;
  winsize size{};
  if ((terminal.stdout_tty || terminal.stderr_tty) && ::ioctl(sized, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    terminal.width = size.ws_col;
  }
  return terminal;
}

std::optional<std::string> environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const dcos::Terminal terminal = probe_terminal();
  stderr_tty = terminal.stderr_tty ? 1 : 0;
  handle(SIGINT, on_interrupt);
  handle(SIGTERM, on_terminate);

  dcos::Context context(std::cout, std::cerr, std::cin, terminal, environment,
                        [] { return std::make_unique<dcos::CurlTransport>(&interrupted); });
  context.interrupted = &interrupted;
  context.effects = dcos::system_effects();
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = dcos::run_cli(args, context);
  std::cout.flush();
  return status;
}
