// Questions to a person at a terminal. They are asked on stderr and answered on stdin, and only
// when both are terminals: a CI job without a terminal gets an error, never a hang.
#pragma once

#include <string>

#include "cli/context.hpp"

namespace dcos {

/// True when stdin and stderr are both terminals.
bool can_prompt(const Context& context);

/// Whether what is typed is shown: secrets (passwords, tokens) are typed with echo off.
enum class Echo { shown, hidden };

/// Asks for one line; Echo::hidden turns echo off while it is typed, and it is back on however
/// the question ends. Without a terminal, an auth error that says which flag or variable to
/// use instead (`instead`). A Ctrl-C (context.interrupted) ends the wait at once: a cancelled
/// Error "interrupted", after a newline so that the error starts a line of its own.
Result<std::string> prompt_line(Context& context, const std::string& label, Echo echo,
                                const std::string& instead);

/// Asks a yes/no question up to three times; y/yes or n/no (any case).
Result<bool> confirm(Context& context, const std::string& question, const std::string& instead);

/// Asks "<question> [yes/no]" as the real CLI's package commands do: an empty answer (Enter)
/// means `empty_answer`; otherwise as confirm().
Result<bool> confirm_yes_no(Context& context, const std::string& question, bool empty_answer,
                            const std::string& instead);

}  // namespace dcos
