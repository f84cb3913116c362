#include "commands/node/node_ssh_args.hpp"

namespace dcos {
namespace {

void add_options(std::vector<std::string>& argv, const SshSpec& spec) {
  for (const auto& option : spec.options) {
    argv.push_back("-o");
    argv.push_back(option);
  }
}

void add_user(std::vector<std::string>& argv, const SshSpec& spec) {
  if (!spec.config_file.empty() || spec.user.empty()) return;
  argv.push_back("-l");
  argv.push_back(spec.user);
}

/// `word` for a shell that reads it between single quotes: each ' becomes '\''.
std::string quoted_inside(const std::string& word) {
  std::string out;
  for (char ch : word) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out;
}

}  // namespace

std::vector<std::string> ssh_argv(const SshSpec& spec) {
  std::vector<std::string> argv = {"ssh"};
  add_options(argv, spec);
  if (!spec.config_file.empty()) {
    argv.push_back("-F");
    argv.push_back(spec.config_file);
  }
  if (!spec.proxy.empty()) {
    argv.insert(argv.end(), {"-A", "-t"});
    add_user(argv, spec);
    argv.push_back(spec.proxy);
    argv.push_back("ssh");
    add_options(argv, spec);
  }
  add_user(argv, spec);
  argv.insert(argv.end(), {"-A", "-t", spec.host});
  if (spec.command.empty()) return argv;
  if (spec.proxy.empty()) {
    argv.insert(argv.end(), spec.command.begin(), spec.command.end());
    return argv;
  }
  argv.push_back("'");
  for (const auto& word : spec.command) argv.push_back(quoted_inside(word));
  argv.push_back("'");
  return argv;
}

std::string shell_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& word : argv) {
    if (!line.empty()) line += ' ';
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                                            "VWXYZ0123456789@%+=:,./_-") == std::string::npos;
    if (plain)
      line += word;
    else if (word.find_first_of("\"$`\\!") == std::string::npos)
      line += "\"" + word + "\"";
    else
      line += "'" + quoted_inside(word) + "'";
  }
  return line;
}

}  // namespace dcos
