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

std::atomic<bool> interrupted{false};

/// The first Ctrl-C aborts the request in flight (exit 130); a second one exits at once.
void on_interrupt(int) {
  if (interrupted.exchange(true)) ::_exit(130);
}

dcos::Terminal probe_terminal() {
  dcos::Terminal terminal;
  terminal.stdin_tty = ::isatty(STDIN_FILENO) == 1;
  terminal.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  terminal.stderr_tty = ::isatty(STDERR_FILENO) == 1;
  winsize size{};
  if (terminal.stdout_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
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
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);

  dcos::Context context(std::cout, std::cerr, std::cin, probe_terminal(), environment,
                        [] { return std::make_unique<dcos::CurlTransport>(&interrupted); });
  context.interrupted = &interrupted;
  context.effects = dcos::system_effects();
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = dcos::run_cli(args, context);
  std::cout.flush();
  return status;
}
