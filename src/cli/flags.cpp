#include "cli/flags.hpp"

#include <CLI/CLI.hpp>

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

Flag* Flag::one_value_each() {
  option_->allow_extra_args(false);
  return this;
}

Flag* Flag::each(std::function<void(const std::string&)> seen) {
  option_->each(std::move(seen));
  return this;
}

Flag* Flags::keep(CLI::Option* option) { return &flags_.emplace_back(option); }

Flag* Flags::add_option(const std::string& name, std::string& into, const std::string& text) {
  return keep(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, long long& into, const std::string& text) {
  return keep(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, double& into, const std::string& text) {
  return keep(app_.add_option(name, into, text));
}

Flag* Flags::add_option(const std::string& name, std::vector<std::string>& into,
                        const std::string& text) {
  return keep(app_.add_option(name, into, text));
}

Flag* Flags::add_flag(const std::string& name, bool& into, const std::string& text) {
  return keep(app_.add_flag(name, into, text));
}

Flag* Flags::add_flag(const std::string& name, std::string& into, const std::string& text) {
  return keep(app_.add_flag(name, into, text));
}

Flag* Flags::add_flag(const std::string& name) { return keep(app_.add_flag(name)); }

void Flags::flags_before_positionals() { app_.positionals_at_end(); }

}  // namespace dcos
