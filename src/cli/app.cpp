#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>

#include "cli/command_table.hpp"
#include "cli/errors.hpp"
#include "client/strings.hpp"
#include "commands/groups.hpp"

namespace dcos {
namespace {

constexpr const char* kRootDescription =
    "Manage DC/OS clusters from the command line: configuration, apps, nodes, packages,\n"
    "services and tasks.";

struct GlobalOptions {
  int verbosity = 0;
  bool version = false;
  bool debug = false;
  std::string log_level;
  std::string cluster;
};

void add_global_options(CLI::App& root, GlobalOptions& globals) {
  root.set_help_flag("-h,--help", "Show this help");
  root.add_flag("-v", globals.verbosity,
                "Verbose output on stderr: -v shows HTTP requests and responses, -vv their "
                "bodies too (secrets are masked)")
      ->group("Options");
  root.add_flag("--version", globals.version, "Print the version of the CLI and of the cluster")
      ->group("Options");
  root.add_option("--cluster", globals.cluster,
                  "Run against this cluster (name, id or unique id prefix) instead of the "
                  "attached one; overrides DCOS_CLUSTER")
      ->type_name("<name|id>")
      ->group("Options");
  root.add_flag("--debug", globals.debug, "Deprecated: use -vv")->group("");
  root.add_option("--log-level", globals.log_level, "Deprecated: use -v or -vv")->group("");
}

struct HelpOptions {};

/// `dcos help [<command>...]` and `dcos help exit-codes`.
Status show_help(const CommandTable& table, const std::vector<std::string>& words,
                 Context& context) {
  if (words.size() == 1 && words.front() == "exit-codes") {
    context.out << "Exit codes of dcos:\n\n" << exit_code_table();
    return Status::success();
  }
  const CLI::App* app = table.find(words);
  if (app == nullptr) {
    return Error::make(ErrorKind::usage,
                       "no help for \"" + join(words, " ") + "\": no such command",
                       "run 'dcos --help' to see the commands");
  }
  context.out << render_help(table, *app, help_width(context));
  return Status::success();
}

void register_help(CommandTable& table) {
  // The words after `help` are read by dispatch() before parsing, because CLI11 would take
  // them for the commands they name; this entry gives `help` its place in the command list.
  table.verb<HelpOptions>(
      "help",
      {.summary = "Show help for a command, or a topic such as exit-codes",
       .arguments = "[<command>...|exit-codes]",
       .examples = "    dcos help config set\n    dcos help exit-codes\n"},
      [](Flags&, HelpOptions&) {},
      [&table](const HelpOptions&, Context& context) { return show_help(table, {}, context); });
}

/// The words after a leading `help` command, or std::nullopt when the command is not help.
std::optional<std::vector<std::string>> help_words(const std::vector<std::string>& args) {
  auto first = std::find_if(args.begin(), args.end(),
                            [](const std::string& arg) { return !starts_with(arg, "-"); });
  if (first == args.end() || *first != "help") return std::nullopt;
  // `dcos help --help` is the help of help itself, which parsing shows.
  if (std::any_of(first + 1, args.end(),
                  [](const std::string& arg) { return arg == "--help" || arg == "-h"; }))
    return std::nullopt;
  std::vector<std::string> words;
  std::copy_if(first + 1, args.end(), std::back_inserter(words),
               [](const std::string& arg) { return !starts_with(arg, "-"); });
  return words;
}

const CLI::App* deepest_selected(const CLI::App& root) {
  const CLI::App* app = &root;
  while (!app->get_subcommands().empty()) app = app->get_subcommands().front();
  return app;
}

Error usage_error(const CLI::ParseError& error, const CLI::App& root, const CLI::App& at) {
  const std::string path = command_path(at);
  const std::string help_hint = "run '" + path + " --help' for usage";
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extras = at.remaining();
    if (extras.empty()) extras = root.remaining();
    const std::string first = extras.empty() ? std::string() : extras.front();
    if (starts_with(first, "-")) {
      auto close = flag_suggestions(at, first);
      std::string hint = close.empty() ? help_hint : "did you mean \"" + close.front() + "\"?";
      return Error::make(ErrorKind::usage, "unknown flag \"" + first + "\" for \"" + path + "\"",
                         hint);
    }
    if (!at.get_subcommands([](const CLI::App*) { return true; }).empty()) {
      auto close = suggestions(at, first);
      std::string hint =
          close.empty() ? help_hint : "did you mean \"" + path + " " + close.front() + "\"?";
      return Error::make(ErrorKind::usage, "unknown command \"" + first + "\" for \"" + path + "\"",
                         hint);
    }
    return Error::make(ErrorKind::usage,
                       "too many arguments for \"" + path + "\": " + join(extras, " "), help_hint);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    return Error::make(ErrorKind::usage, "missing arguments for \"" + path + "\"", help_hint);
  }
  std::string message = error.what();
  if (!message.empty() && message.back() == '\n') message.pop_back();
  return Error::make(ErrorKind::usage, message + " (in \"" + path + "\")", help_hint);
}

void apply_globals(const GlobalOptions& globals, Context& context) {
  context.verbosity = globals.verbosity;
  if (context.verbosity == 0 && context.env) {
    if (auto level = context.env("DCOS_VERBOSITY")) {
      context.verbosity = static_cast<int>(parse_int(trim(*level)).value_or(0));
    }
  }
  if (globals.debug) {
    context.err << "The --debug flag is deprecated; use -vv instead.\n";
    context.verbosity = std::max(context.verbosity, 2);
  }
  if (!globals.log_level.empty()) {
    context.err << "The --log-level flag is deprecated; use -v or -vv instead.\n";
    if (globals.log_level == "debug") context.verbosity = std::max(context.verbosity, 2);
    if (globals.log_level == "info") context.verbosity = std::max(context.verbosity, 1);
  }
  if (!globals.cluster.empty()) {
    context.cluster_choice = globals.cluster;
  } else if (context.env) {
    context.cluster_choice = context.env("DCOS_CLUSTER");
  }
}

/// The exit status of a finished command; a Ctrl-C during the command wins over its result.
int finish(const Status& status, Context& context) {
  if (context.interrupted != nullptr && context.interrupted->load()) {
    return report_error(context.err, Error::make(ErrorKind::cancelled, "interrupted"));
  }
  return status ? exit_code::ok : report_error(context.err, status.error());
}

/// Loads what a verb declared it needs, so that a missing configuration or cluster is reported
/// the same way for every command, before the verb does anything.
Status prepare(Needs needs, Context& context) {
  switch (needs) {
    case Needs::nothing:
      return Status::success();
    case Needs::config: {
      auto store = context.store();
      return store ? Status::success() : Status(store.error());
    }
    case Needs::cluster: {
      auto cluster = context.cluster();
      return cluster ? Status::success() : Status(cluster.error());
    }
  }
  return Status::success();
}

/// The group of the table a command line names, or nullptr: the first word that is not a
/// flag or a flag's value, looking past a leading `help`.
const CommandGroup* invoked_group(const std::vector<std::string>& args,
                                  std::span<const CommandGroup> groups) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--cluster" || word == "--log-level") {
      ++i;
      continue;
    }
    if (word.empty() || word[0] == '-' || word == "help") continue;
    auto named = std::find_if(groups.begin(), groups.end(),
                              [&word](const CommandGroup& group) { return word == group.name; });
    return named == groups.end() ? nullptr : &*named;
  }
  return nullptr;
}

/// CLI11 takes a word that names any command above the verb for that command, even where the
/// verb has an optional positional left (`dcos package search cassandra` would run the
/// cassandra group, `dcos package list repo` the repo group). So while parsing, every command
/// that is not on the path the command words name is disabled, and such words stay arguments.
void keep_only_named_path(CLI::App& root, const std::vector<std::string>& args) {
  CLI::App* at = &root;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--cluster" || word == "--log-level") {
      ++i;
      continue;
    }
    if (word.empty() || word[0] == '-') continue;
    auto commands = at->get_subcommands([](CLI::App*) { return true; });
    auto next = std::find_if(commands.begin(), commands.end(),
                             [&word](CLI::App* command) { return command->check_name(word); });
    if (next == commands.end()) return;
    for (CLI::App* other : commands)
      if (other != *next) other->disabled();
    at = *next;
  }
}

/// Adds every group of `groups` to `table`, and the verbs of `invoked` only: start-up does not
/// pay for the CLI11 subcommands of the groups the command line does not name.
void add_groups(CommandTable& table, std::span<const CommandGroup> groups,
                const CommandGroup* invoked) {
  for (const auto& group : groups) {
    table.group(group.name, {.summary = group.summary, .description = group.description});
    if (&group == invoked) group.register_commands(table);
  }
}

int dispatch(const std::vector<std::string>& args, Context& context) {
  CLI::App root{kRootDescription, "dcos"};
  GlobalOptions globals;
  add_global_options(root, globals);
  CommandTable table(root);
  const auto groups = command_groups();
  add_groups(table, groups, invoked_group(args, groups));
  register_help(table);

  if (auto words = help_words(args)) {
    Status status = show_help(table, *words, context);
    return status ? exit_code::ok : report_error(context.err, status.error());
  }

  keep_only_named_path(root, args);
  const std::vector<std::string> joined = table.attach_values(args);
  std::vector<std::string> reversed(joined.rbegin(), joined.rend());
  try {
    root.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    context.out << render_help(table, *deepest_selected(root), help_width(context));
    return exit_code::ok;
  } catch (const CLI::CallForAllHelp&) {
    context.out << render_help(table, *deepest_selected(root), help_width(context));
    return exit_code::ok;
  } catch (const CLI::ParseError& error) {
    return report_error(context.err, usage_error(error, root, *deepest_selected(root)));
  }

  apply_globals(globals, context);
  if (globals.version) return finish(print_version(context), context);
  const CLI::App* chosen = deepest_selected(root);
  const auto* entry = table.entry(chosen);
  if (entry == nullptr || !entry->run) {
    context.out << render_help(table, *chosen, help_width(context));
    return exit_code::ok;
  }
  if (Status ready = prepare(entry->spec.needs, context); !ready) {
    return report_error(context.err, ready.error());
  }
  return finish(entry->run(context), context);
}

}  // namespace

int run_cli(const std::vector<std::string>& args, Context& context) {
  try {
    return dispatch(args, context);
  } catch (const std::exception& unexpected) {
    return report_error(
        context.err,
        Error::make(ErrorKind::generic, std::string("internal error: ") + unexpected.what(),
                    "please report this with the command that caused it"));
  }
}

}  // namespace dcos
