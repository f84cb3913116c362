// The flags and positional arguments of a verb, as its setup function binds them to the fields
// of its options struct. A thin front of CLI11 whose calls read like CLI11's own
// (`add_option(...)->required()`), so that CLI11 itself is compiled in one file (flags.cpp)
// instead of in every command file: its header costs seconds of compile time per file.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace dcos {

/// Decides whether a word is the value of a flag whose value is optional.
using ValueTest = std::function<bool(const std::string& word)>;

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
  /// The placeholder help shows after the flag's name: "<name|id>", or "[=<duration>]" for an
  /// optional value. An option that takes a value has "<its-long-name>" unless given one.
  Flag* type_name(const std::string& text);
  /// For a flag with an optional value: the next word is its value too when `is_value` accepts
  /// it (`--wait 30s` as `--wait=30s`); any other next word stays the next argument.
  Flag* value_may_follow(ValueTest is_value);
  /// For a repeatable option: each use takes one value (`--filter a:b <node>` leaves <node>
  /// to the positional argument), as cobra's string arrays do; CLI11 would take them all.
  Flag* one_value_each();
  /// Calls `seen` with each value given, after it was stored.
  Flag* each(std::function<void(const std::string&)> seen);

  /// "--wait" for "--wait{10m}"; "-q" for a flag with only a short name.
  std::string name() const;
  const ValueTest& value_test() const { return value_test_; }

 private:
  CLI::Option* option_;
  ValueTest value_test_;
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
  /// A flag whose value is an optional duration ("--wait{10m}"): `--wait` alone takes the
  /// default, `--wait=30s` and `--wait 30s` take 30s. A next word that is no duration with a
  /// unit (`90`, `/app`) stays an argument, so `--wait=90` is the form for bare seconds.
  Flag* add_duration_flag(const std::string& name, std::string& into, const std::string& text);

  /// The flags whose value may be the next word, by name ("--wait"), with their tests.
  std::map<std::string, ValueTest> detached_values() const;

  /// Flags are read only before the first positional argument: every word after it, even one
  /// that looks like a flag, is a positional argument. For verbs that pass a command line on
  /// (`task exec <task> ls -la`); their last positional should be a list, which takes the rest.
  void flags_before_positionals();

 private:
  Flag* keep(CLI::Option* option);
  /// keep() for an option that takes a value: gives it its default placeholder.
  Flag* keep_option(CLI::Option* option);

  CLI::App& app_;
  std::deque<Flag> flags_;  ///< stable addresses for the pointers handed out
};

}  // namespace dcos
