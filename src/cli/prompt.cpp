#include "cli/prompt.hpp"

#include <optional>

#include "client/strings.hpp"

namespace dcos {

bool can_prompt(const Context& context) {
  return context.terminal.stdin_tty && context.terminal.stderr_tty;
}

Result<std::string> prompt_line(Context& context, const std::string& label, Echo echo,
                                const std::string& instead) {
  if (!can_prompt(context)) {
    return Error::make(ErrorKind::auth, "cannot ask for " + label + " without a terminal", instead);
  }
  // Echo goes off before the label shows, so nothing typed as soon as it appears is echoed.
  const bool quiet = echo == Echo::hidden && context.effects.set_echo(false);
  context.err << label << ": " << std::flush;
  std::string line;
  bool got = static_cast<bool>(std::getline(context.in, line));
  if (quiet) {
    context.effects.set_echo(true);
    context.err << "\n";
  }
  if (!got) return Error::make(ErrorKind::auth, "no answer for " + label, instead);
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
