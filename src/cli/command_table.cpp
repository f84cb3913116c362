#include "cli/command_table.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <sstream>

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

std::string render_help(const CommandTable& table, const CLI::App& app) {
  const auto* entry = table.entry(&app);
  std::ostringstream out;
  const std::string path = command_path(app);
  auto subcommands = app.get_subcommands([](const CLI::App* sub) { return visible(*sub); });
  const bool is_group = entry == nullptr || entry->group || !entry->run;

  if (entry != nullptr) {
    const auto& spec = entry->spec;
    const std::string& text = spec.description.empty() ? spec.summary : spec.description;
    if (!text.empty()) out << text << "\n\n";
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
      out << "    " << sub->get_name() << "\n        " << sub->get_description() << "\n";
    }
  }
  auto options = app.get_options([](const CLI::Option* option) {
    return option->nonpositional() && !option->get_group().empty();
  });
  if (!options.empty()) {
    std::sort(options.begin(), options.end(), [](const CLI::Option* a, const CLI::Option* b) {
      return sort_key(*a) < sort_key(*b);
    });
    out << "\nOptions:\n";
    for (const auto* option : options) {
      out << "    " << option_label(*option) << "\n        " << option->get_description() << "\n";
    }
  }
  if (!subcommands.empty()) {
    out << "\nUse \"" << path << " [command] --help\" for more information about a command.\n";
  }
  return out.str();
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

}  // namespace dcos
