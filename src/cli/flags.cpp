#include "cli/flags.hpp"

#include <CLI/CLI.hpp>
#include <cctype>

#include "client/duration.hpp"

namespace dcos {

Flag* Flag::required() {
  option_->required();
  return this;
}

Flag* Flag::hidden() {
  option_->group("");
  return this;
}

Flag* Flag::description(const std::string& text) {
  option_->description(text);
  return this;
}

Flag* Flag::excludes(Flag* other) {
  option_->excludes(other->option_);
  return this;
}

Flag* Flag::type_name(const std::string& text) {
  option_->type_name(text);
  return this;
}

Flag* Flag::value_may_follow(ValueTest is_value) {
  value_test_ = std::move(is_value);
  return this;
}

std::string Flag::name() const {
  if (!option_->get_lnames().empty()) return "--" + option_->get_lnames().front();
  if (!option_->get_snames().empty()) return "-" + option_->get_snames().front();
  return option_->get_name();
}

Flag* Flag::one_value_each() {
  option_->allow_extra_args(false);
  return this;
}

Flag* Flag::each(std::function<void(const std::string&)> seen) {
  option_->each(std::move(seen));
  return this;
}

namespace {

/// "<name>" for an option named "--name" or "-n,--name"; "<value>" for one with a short name only.
std::string default_placeholder(const CLI::Option& option) {
  if (!option.get_lnames().empty()) return "<" + option.get_lnames().front() + ">";
  return "<value>";
}

/// A duration with a unit ("30s", "1m30s"): a bare number after --wait is more likely the next
/// argument (`app scale /x --wait 3`) than seconds.
bool is_duration_word(const std::string& word) {
  return !word.empty() && std::isalpha(static_cast<unsigned char>(word.back())) != 0 &&
         parse_duration(word).ok();
}

}  // namespace

Flag* Flags::keep(CLI::Option* option) { return &flags_.emplace_back(option); }

Flag* Flags::keep_option(CLI::Option* option) {
  if (option->nonpositional()) option->type_name(default_placeholder(*option));
  return keep(option);
}

Flag* Flags::add_option(const std::string& name, std::string& into, const std::string& text) {
  return keep_option(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, long long& into, const std::string& text) {
  return keep_option(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, double& into, const std::string& text) {
  return keep_option(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, std::vector<std::string>& into,
                        const std::string& text) {
  return keep_option(app_.add_option(name, into, text));
}

Flag* Flags::add_flag(const std::string& name, bool& into, const std::string& text) {
  return keep(app_.add_flag(name, into, text));
}

Flag* Flags::add_flag(const std::string& name, std::string& into, const std::string& text) {
  return keep(app_.add_flag(name, into, text));
}

Flag* Flags::add_flag(const std::string& name) { return keep(app_.add_flag(name)); }

Flag* Flags::add_duration_flag(const std::string& name, std::string& into,
                               const std::string& text) {
  return add_flag(name, into, text)->type_name("[=<duration>]")->value_may_follow(is_duration_word);
}

std::map<std::string, ValueTest> Flags::detached_values() const {
  std::map<std::string, ValueTest> tests;
  for (const auto& flag : flags_)
    if (flag.value_test()) tests.emplace(flag.name(), flag.value_test());
  return tests;
}

void Flags::flags_before_positionals() { app_.positionals_at_end(); }

}  // namespace dcos
