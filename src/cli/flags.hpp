// The flags and positional arguments of a verb, as its setup function binds them to the fields
// of its options struct. A thin front of CLI11 whose calls read like CLI11's own
// (`add_option(...)->required()`), so that CLI11 itself is compiled in one file (flags.cpp)
// instead of in every command file: its header costs seconds of compile time per file.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace dcos {

/// One flag or positional argument; the setters return the same Flag for chaining.
class Flag {
 public:
  explicit Flag(CLI::Option* option) : option_(option) {}

  /// The argument must be given (for positional arguments).
  Flag* required();
  /// Left out of help (deprecated or internal flags); still accepted.
  Flag* hidden();
  Flag* description(const std::string& text);
  /// Giving both this flag and `other` is a usage error.
  Flag* excludes(Flag* other);
  /// What help shows after the flag's name: "<name|id>", or "[=<duration>]" for an optional value.
  Flag* type_name(const std::string& text);
  /// For a repeatable option: each use takes one value (`--filter a:b <node>` leaves <node>
  /// to the positional argument), as cobra's string arrays do; CLI11 would take them all.
  Flag* one_value_each();
  /// Calls `seen` with each value given, after it was stored.
  Flag* each(std::function<void(const std::string&)> seen);

 private:
  CLI::Option* option_;
};

/// Binds the flags of one verb. Names follow CLI11: "name" is positional, "-q,--quiet" a flag
/// with a short and a long form, "--wait{10m}" a flag whose value is optional (10m when absent).
class Flags {
 public:
  explicit Flags(CLI::App& app) : app_(app) {}
  Flags(const Flags&) = delete;
  Flags& operator=(const Flags&) = delete;

  Flag* add_option(const std::string& name, std::string& into, const std::string& text = {});
  Flag* add_option(const std::string& name, long long& into, const std::string& text = {});
  Flag* add_option(const std::string& name, double& into, const std::string& text = {});
  Flag* add_option(const std::string& name, std::vector<std::string>& into,
                   const std::string& text = {});
  Flag* add_flag(const std::string& name, bool& into, const std::string& text = {});
  /// A flag with an optional value ("--wait{10m}").
  Flag* add_flag(const std::string& name, std::string& into, const std::string& text = {});
  /// A flag accepted for compatibility whose value nobody reads.
  Flag* add_flag(const std::string& name);

  /// Flags are read only before the first positional argument: every word after it, even one
  /// that looks like a flag, is a positional argument. For verbs that pass a command line on
  /// (`task exec <task> ls -la`); their last positional should be a list, which takes the rest.
  void flags_before_positionals();

 private:
  Flag* keep(CLI::Option* option);

  CLI::App& app_;
  std::deque<Flag> flags_;  ///< stable addresses for the pointers handed out
};

}  // namespace dcos
