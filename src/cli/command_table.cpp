#include "cli/command_table.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <sstream>

#include "cli/output.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

std::string option_label(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& name : option.get_snames()) names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) names.push_back("--" + name);
  std::string label = join(names, ", ");
  const std::string type = option.get_type_name();
  if (!type.empty() && type.front() == '<') label += " " + type;
  if (starts_with(type, "[=")) label += type;  // a flag with an optional value: --wait[=<d>]
  return label;
}

std::string sort_key(const CLI::Option& option) {
  if (!option.get_lnames().empty()) return option.get_lnames().front();
  if (!option.get_snames().empty()) return option.get_snames().front();
  return option.get_name();
}

bool visible(const CLI::App& app) { return !app.get_group().empty(); }

bool visible_flag(const CLI::Option* option) {
  return option->nonpositional() && !option->get_group().empty();
}

/// Writes `text` with every line indented by `indent` and broken between words so that no line
/// is wider than `width` (a word longer than that stays whole); a broken line's continuation
/// keeps the line's own leading spaces.
void write_wrapped(std::ostream& out, const std::string& text, size_t indent, int width) {
  const size_t room = std::max<size_t>(20, width > 0 ? static_cast<size_t>(width) : 80);
  for (const auto& line : split(text, '\n')) {
    const size_t lead = line.find_first_not_of(' ');
    if (lead == std::string::npos) {
      out << "\n";
      continue;
    }
    const std::string margin(indent + lead, ' ');
    std::string current = margin;
    for (const auto& word : split(line.substr(lead), ' ')) {
      if (word.empty()) continue;
      if (current.size() > margin.size() &&
          current.size() + 1 + display_width(word) > std::max(room, margin.size() + 10)) {
        out << current << "\n";
        current = margin;
      }
      if (current.size() > margin.size()) current += ' ';
      current += word;
    }
    out << current << "\n";
  }
}

/// A command's description: kept as written where it fits in `width`; a paragraph (lines up to
/// a blank or an indented one) with a line too wide is joined and wrapped at `width`, and an
/// indented line too wide is wrapped keeping its indentation.
void write_description(std::ostream& out, const std::string& text, int width) {
  const auto lines = split(text, '\n');
  const auto fits = [width](const std::string& line) {
    return static_cast<int>(display_width(line)) <= width;
  };
  for (size_t i = 0; i < lines.size();) {
    const auto prose = [](const std::string& line) { return !line.empty() && line[0] != ' '; };
    if (!prose(lines[i])) {
      if (fits(lines[i])) {
        out << lines[i] << "\n";
      } else {
        write_wrapped(out, lines[i], 0, width);
      }
      ++i;
      continue;
    }
    size_t end = i;
    bool all_fit = true;
    std::string joined;
    for (; end < lines.size() && prose(lines[end]); ++end) {
      all_fit = all_fit && fits(lines[end]);
      joined += (joined.empty() ? "" : " ") + lines[end];
    }
    if (all_fit) {
      for (size_t at = i; at < end; ++at) out << lines[at] << "\n";
    } else {
      write_wrapped(out, joined, 0, width);
    }
    i = end;
  }
}

/// The "Options:" lines of `options`, sorted by name, descriptions wrapped at `width`.
void write_options(std::ostream& out, std::vector<const CLI::Option*> options, int width) {
  std::sort(options.begin(), options.end(),
            [](const CLI::Option* a, const CLI::Option* b) { return sort_key(*a) < sort_key(*b); });
  for (const auto* option : options) {
    out << "    " << option_label(*option) << "\n";
    write_wrapped(out, option->get_description(), 8, width);
  }
}

/// Whether `app` has a flag of its own by one of the names of `option`.
bool defines_flag(const CLI::App& app, const CLI::Option& option) {
  for (const auto* own : app.get_options()) {
    for (const auto& name : option.get_lnames())
      if (own->check_lname(name)) return true;
    for (const auto& name : option.get_snames())
      if (own->check_sname(name)) return true;
  }
  return false;
}

/// The flags `word` may stand for, with the value a "--flag=value" word carries cut off.
std::string typed_flag(const std::string& word) { return word.substr(0, word.find('=')); }

}  // namespace

CommandTable::CommandTable(CLI::App& root) : root_(root) {
  entries_[&root_] = Entry{"", CommandSpec{.summary = root.get_description()}, {}};
}

CLI::App* CommandTable::add(const std::string& path, const CommandSpec& spec) {
  auto words = split(path, ' ');
  std::vector<std::string> parent_words(words.begin(), words.end() - 1);
  auto* parent = const_cast<CLI::App*>(find(parent_words));
  if (parent == nullptr) throw std::logic_error("command table: no parent for " + path);
  CLI::App* app = parent->add_subcommand(words.back(), spec.summary);
  app->fallthrough();  // global flags (-v, --cluster, ...) may follow the command words
  app->group("Commands");
  entries_[app] = Entry{path, spec, {}};
  return app;
}

void CommandTable::group(const std::string& path, CommandSpec spec) {
  entries_.at(add(path, spec)).group = true;
}

CLI::App* CommandTable::group_app(const std::string& path) {
  auto* app = const_cast<CLI::App*>(find(split(path, ' ')));
  auto it = entries_.find(app);
  if (app == nullptr || it == entries_.end() || !it->second.group)
    throw std::logic_error("command table: no group " + path);
  return app;
}

const CommandTable::Entry* CommandTable::entry(const CLI::App* app) const {
  auto it = entries_.find(app);
  return it == entries_.end() ? nullptr : &it->second;
}

const CLI::App* CommandTable::find(const std::vector<std::string>& words) const {
  const CLI::App* app = &root_;
  for (const auto& word : words) {
    const CLI::App* next = nullptr;
    for (const auto* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->get_name() == word) next = sub;
    }
    if (next == nullptr) return nullptr;
    app = next;
  }
  return app;
}

std::string command_path(const CLI::App& app) {
  std::vector<std::string> words;
  for (const CLI::App* at = &app; at != nullptr; at = at->get_parent()) {
    words.insert(words.begin(), at->get_name());
  }
  return join(words, " ");
}

std::string render_help(const CommandTable& table, const CLI::App& app, int width) {
  const auto* entry = table.entry(&app);
  std::ostringstream out;
  const std::string path = command_path(app);
  auto subcommands = app.get_subcommands([](const CLI::App* sub) { return visible(*sub); });
  const bool is_group = entry == nullptr || entry->group || !entry->run;

  if (entry != nullptr) {
    const auto& spec = entry->spec;
    const std::string& text = spec.description.empty() ? spec.summary : spec.description;
    if (!text.empty()) {
      write_description(out, text, width);
      out << "\n";
    }
  }
  out << "Usage:\n    " << path;
  if (is_group) {
    out << " [command]";
  } else {
    if (entry != nullptr && !entry->spec.arguments.empty()) out << " " << entry->spec.arguments;
    out << " [flags]";
  }
  out << "\n";
  if (entry != nullptr && !entry->spec.examples.empty()) {
    out << "\nExamples:\n" << entry->spec.examples;
    if (entry->spec.examples.back() != '\n') out << "\n";
  }
  if (!subcommands.empty()) {
    std::sort(subcommands.begin(), subcommands.end(),
              [](const CLI::App* a, const CLI::App* b) { return a->get_name() < b->get_name(); });
    out << "\nCommands:\n";
    for (const auto* sub : subcommands) {
      out << "    " << sub->get_name() << "\n";
      write_wrapped(out, sub->get_description(), 8, width);
    }
  }
  auto options = app.get_options(visible_flag);
  if (!options.empty()) {
    out << "\nOptions:\n";
    write_options(out, options, width);
  }
  if (const CLI::App* root = &table.root(); &app != root) {
    std::vector<const CLI::Option*> globals;
    for (const auto* option : root->get_options(visible_flag))
      if (!defines_flag(app, *option)) globals.push_back(option);
    if (!globals.empty()) {
      out << "\nGlobal Flags:\n";
      write_options(out, globals, width);
    }
  }
  if (!subcommands.empty()) {
    out << "\nUse \"" << path << " [command] --help\" for more information about a command.\n";
  }
  return out.str();
}

int help_width(const Context& context) {
  return context.terminal.stdout_tty && context.terminal.width > 0 ? context.terminal.width : 80;
}

std::vector<std::string> suggestions(const CLI::App& app, const std::string& word) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto* sub : app.get_subcommands([](const CLI::App* s) { return visible(*s); })) {
    const std::string& name = sub->get_name();
    size_t distance = edit_distance(word, name);
    if (distance <= 2 || (word.size() >= 2 && starts_with(name, word))) {
      scored.emplace_back(distance, name);
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> names;
  for (auto& [distance, name] : scored) names.push_back(std::move(name));
  return names;
}

std::vector<std::string> flag_suggestions(const CLI::App& app, const std::string& word) {
  std::string typed = typed_flag(word);
  if (!starts_with(typed, "--") && typed.size() > 2) typed = "-" + typed;  // -json for --json
  // Any letter is one edit from any other: short flags and names of one or two letters get
  // no guess.
  if (!starts_with(typed, "--") || typed.size() < 5) return {};
  std::vector<std::pair<size_t, std::string>> scored;
  auto consider = [&](const std::string& name) {
    size_t distance = edit_distance(typed, name);
    bool close = distance <= 2 || starts_with(name, typed);
    if (close && name != word &&
        std::none_of(scored.begin(), scored.end(), [&](const auto& s) { return s.second == name; }))
      scored.emplace_back(distance, name);
  };
  for (const CLI::App* at = &app; at != nullptr; at = at->get_parent()) {
    for (const auto* option : at->get_options(visible_flag)) {
      for (const auto& name : option->get_lnames()) consider("--" + name);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (auto& [distance, name] : scored) names.push_back(std::move(name));
  return names;
}

std::vector<std::string> CommandTable::attach_values(const std::vector<std::string>& args) const {
  std::vector<std::string> joined;
  const CLI::App* at = &root_;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    joined.push_back(word);
    if (word == "--") {  // the rest are arguments, whatever they look like
      joined.insert(joined.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (word == "--cluster" || word == "--log-level") {  // the global options with a value
      if (i + 1 < args.size()) joined.push_back(args[++i]);
      continue;
    }
    if (word.empty()) continue;
    if (word[0] != '-') {
      for (const auto* sub : at->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(word)) at = sub;
      continue;
    }
    if (i + 1 >= args.size()) continue;
    for (const CLI::App* app = at; app != nullptr; app = app->get_parent()) {
      const Entry* found = entry(app);
      if (found == nullptr) continue;
      auto test = found->detached_values.find(word);
      if (test == found->detached_values.end()) continue;
      if (test->second(args[i + 1])) joined.back() += "=" + args[++i];
      break;
    }
  }
  return joined;
}

}  // namespace dcos
