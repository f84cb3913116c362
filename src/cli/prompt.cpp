#include "cli/prompt.hpp"

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

Result<bool> confirm(Context& context, const std::string& question, const std::string& instead) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto answer = prompt_line(context, question + " [y/n]", Echo::shown, instead);
    if (!answer) return answer.error();
    std::string word = to_lower(trim(*answer));
    if (word == "y" || word == "yes") return true;
    if (word == "n" || word == "no") return false;
  }
  return Error::make(ErrorKind::usage, "no yes or no answer was given", instead);
}

}  // namespace dcos
