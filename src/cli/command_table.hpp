// The command table: every group and verb with its summary, help text, usage line and what it
// needs, wired to CLI11. Each command group file adds its entries through its register
// function (see src/commands/groups.hpp); the table drives parsing, help, "did you mean"
// suggestions and completion. Parsing only records which verb was chosen; the verb's run
// function is called afterwards. Verbs bind their flags through cli/flags.hpp; this header
// names CLI11's App without including CLI11, so CLI11 is compiled in the frame's files only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/flags.hpp"

namespace dcos {

/// What a command needs before it can run; help, version and completion need nothing.
enum class Needs { nothing, config, cluster };

struct CommandSpec {
  std::string summary;      ///< one line, shown in the parent's command list
  std::string description;  ///< paragraph(s) opening the command's help; summary when empty
  std::string arguments;    ///< usage after the path, e.g. "<name> <value>"
  std::string examples;     ///< shown under "Examples:" when non-empty
  Needs needs = Needs::nothing;
};

using Runner = std::function<Status(Context&)>;

class CommandTable;

/// One top-level command group: its word, its line in `dcos --help`, the paragraph opening its
/// own help, and the function that adds its verbs and sub-groups to a table.
struct CommandGroup {
  const char* name;
  const char* summary;
  const char* description;
  void (*register_commands)(CommandTable& table);
};

class CommandTable {
 public:
  struct Entry {
    std::string path;  ///< "config set"
    CommandSpec spec;
    Runner run;          ///< empty for groups, unless they have a default (group_default)
    bool group = false;  ///< a group of verbs, whether or not it runs something by itself
    /// Its flags whose optional value may be the next word (Flag::value_may_follow).
    std::map<std::string, ValueTest> detached_values;
  };

  explicit CommandTable(CLI::App& root);

  /// Adds a group of verbs at `path` (e.g. "config"); its parent must exist.
  void group(const std::string& path, CommandSpec spec);

  /// Adds a verb at `path` with its own options struct: `setup` binds CLI11 options to the
  /// struct's fields, `run` does the work after parsing succeeded.
  template <typename Options>
  void verb(const std::string& path, CommandSpec spec, std::function<void(Flags&, Options&)> setup,
            std::function<Status(const Options&, Context&)> run) {
    auto options = std::make_shared<Options>();
    CLI::App* app = add(path, spec);
    Flags flags(*app);
    setup(flags, *options);
    auto& entry = entries_.at(app);
    entry.detached_values = flags.detached_values();
    entry.run = [options, run](Context& context) { return run(*options, context); };
  }

  /// Gives the group at `path` something to run when the command line names no verb of it (a
  /// deprecated alias such as `dcos node` for `dcos node list`): `setup` binds flags on the group
  /// itself, `run` runs after parsing. Help still shows it as a group, with those flags.
  template <typename Options>
  void group_default(const std::string& path, std::function<void(Flags&, Options&)> setup,
                     std::function<Status(const Options&, Context&)> run) {
    auto options = std::make_shared<Options>();
    CLI::App* app = group_app(path);
    Flags flags(*app);
    setup(flags, *options);
    auto& entry = entries_.at(app);
    entry.detached_values = flags.detached_values();
    entry.run = [options, run](Context& context) { return run(*options, context); };
  }

  /// `args` with the value of a flag given as the next word joined to it ("--wait", "30s" as
  /// "--wait=30s"), for the flags of the commands the words name that accept it, so that CLI11,
  /// which never takes a detached value for a flag, reads it as the flag's value.
  std::vector<std::string> attach_values(const std::vector<std::string>& args) const;

  const Entry* entry(const CLI::App* app) const;
  CLI::App& root() { return root_; }
  const CLI::App& root() const { return root_; }

  /// The app for a path of words, or nullptr.
  const CLI::App* find(const std::vector<std::string>& words) const;

 private:
  CLI::App* add(const std::string& path, const CommandSpec& spec);
  /// The app of the group at `path`; a logic error when there is none.
  CLI::App* group_app(const std::string& path);

  CLI::App& root_;
  std::map<const CLI::App*, Entry> entries_;
};

/// "dcos config set" for the app of that verb.
std::string command_path(const CLI::App& app);

/// The help text of `app`: description, Usage, Examples, Commands, Options and, below a
/// command, the global flags; the descriptions of commands and options wrap at `width` columns.
std::string render_help(const CommandTable& table, const CLI::App& app, int width = 80);

/// The width help wraps at: the terminal's on a terminal, 80 columns otherwise.
int help_width(const Context& context);

/// Visible subcommands of `app` whose names are close to `word`, best first.
std::vector<std::string> suggestions(const CLI::App& app, const std::string& word);

/// Visible flags of `app` and of the commands above it ("--force") close to `word` (a flag as
/// typed, "--forc" or "--forc=1"), best first.
std::vector<std::string> flag_suggestions(const CLI::App& app, const std::string& word);

}  // namespace dcos
