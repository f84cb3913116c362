#include "cli/prompt.hpp"

#include <chrono>
#include <optional>

#include "client/strings.hpp"

namespace dcos {

bool can_prompt(const Context& context) {
  return context.terminal.stdin_tty && context.terminal.stderr_tty;
}

namespace {

bool interrupted(const Context& context) {
  return context.interrupted != nullptr && context.interrupted->load();
}

/// Echo off for as long as it lives, when asked and possible; back as it was on every way out.
class EchoOff {
 public:
  EchoOff(Context& context, bool hide)
      : context_(context), off_(hide && context.effects.set_echo(false)) {}
  ~EchoOff() {
    if (off_) context_.effects.set_echo(true);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  bool off() const { return off_; }

 private:
  Context& context_;
  bool off_;
};

/// How waiting for an answer ended.
enum class Answer { line, end_of_input, interrupted };

/// Reads one line from stdin into `line`. With the real terminal (effects.read_stdin), a byte
/// at a time with short waits, so that a Ctrl-C (which sets context.interrupted and wakes the
/// wait) ends it at once; the line discipline hands over nothing before Enter anyway.
/// Otherwise (tests) from the Context's stream.
Answer read_answer(Context& context, std::string& line) {
  if (!context.effects.read_stdin) {
    if (interrupted(context)) return Answer::interrupted;
    return std::getline(context.in, line) ? Answer::line : Answer::end_of_input;
  }
  for (;;) {
    if (interrupted(context)) return Answer::interrupted;
    char byte = 0;
    const long count = context.effects.read_stdin(&byte, 1, std::chrono::milliseconds(100));
    if (count < 0) continue;  // nothing yet, or a signal woke the wait
    if (count == 0) return line.empty() ? Answer::end_of_input : Answer::line;
    if (byte == '\n') return Answer::line;
    line += byte;
  }
}

}  // namespace

Result<std::string> prompt_line(Context& context, const std::string& label, Echo echo,
                                const std::string& instead) {
  if (!can_prompt(context)) {
    return Error::make(ErrorKind::auth, "cannot ask for " + label + " without a terminal", instead);
  }
  // Echo goes off before the label shows, so nothing typed as soon as it appears is echoed.
  EchoOff quiet(context, echo == Echo::hidden);
  context.err << label << ": " << std::flush;
  std::string line;
  const Answer answer = read_answer(context, line);
  // The Enter of a hidden answer was not echoed, and a ^C leaves the cursor after the label:
  // either way what comes next starts on a line of its own.
  if (quiet.off() || answer == Answer::interrupted) context.err << "\n" << std::flush;
  if (answer == Answer::interrupted) return Error::make(ErrorKind::cancelled, "interrupted");
  if (answer == Answer::end_of_input)
    return Error::make(ErrorKind::auth, "no answer for " + label, instead);
  return line;
}

namespace {

/// The question three times at most; y/yes or n/no (any case), or an empty line when
/// `empty_answer` says what it means.
Result<bool> ask(Context& context, const std::string& label, std::optional<bool> empty_answer,
                 const std::string& instead) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto answer = prompt_line(context, label, Echo::shown, instead);
    if (!answer) return answer.error();
    std::string word = to_lower(trim(*answer));
    if (word.empty() && empty_answer) return *empty_answer;
    if (word == "y" || word == "yes") return true;
    if (word == "n" || word == "no") return false;
  }
  return Error::make(ErrorKind::usage, "no yes or no answer was given", instead);
}

}  // namespace

Result<bool> confirm(Context& context, const std::string& question, const std::string& instead) {
  return ask(context, question + " [y/n]", std::nullopt, instead);
}

Result<bool> confirm_yes_no(Context& context, const std::string& question, bool empty_answer,
                            const std::string& instead) {
  return ask(context, question + " [yes/no]", empty_answer, instead);
}

}  // namespace dcos
