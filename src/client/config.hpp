// One cluster's configuration: the contents of $DCOS_DIR/clusters/<id>/dcos.toml, read and
// written the way the real DC/OS CLI does (dotted keys such as core.dcos_url, typed values,
// the go-toml file layout), with the typing rules a value gets before it is stored and the
// DCOS_SSL_VERIFY / DCOS_TIMEOUT environment overrides.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "client/atomic_file.hpp"
#include "client/error.hpp"

namespace dcos {

/// Looks up an environment variable; std::nullopt when it is not set (set-but-empty is "").
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

enum class ValueType { string, integer, floating, boolean, other };

/// A leaf value. `text` is the display form (a string's characters, digits, true/false); for
/// `other` (arrays, dates) it is the TOML source, written back as it was.
struct ConfigValue {
  ValueType type = ValueType::string;
  std::string text;
  bool operator==(const ConfigValue&) const = default;
};

/// What is done with a key's value before it is stored.
enum class KeyKind { string, url, integer, boolean, tls };

struct KnownKey {
  std::string_view name;
  KeyKind kind;
  std::string_view description;
  std::string_view env;  ///< environment variable overriding the file, or empty
};

/// The keys the CLI knows, with what each means, sorted by name.
std::span<const KnownKey> known_keys();
const KnownKey* find_known_key(std::string_view name);

/// True for the sections whose every key the CLI knows: those of known_keys() (cluster, core,
/// job, marathon, package). Keys of any other section belong to plugins, as in the real CLI
/// (`<command>.<key>` is handed to the plugin `<command>`), and are kept as strings.
bool owned_section(std::string_view section);
/// The known key that `key` most likely misspells (a few letters off, or the key without its
/// section); std::nullopt when none is close or `key` is itself known.
std::optional<std::string_view> likely_key(std::string_view key);
/// Whether `config set` may store `key`: a known key, or `<section>.<key>` in a section the
/// CLI does not own. A key without a section, or an unknown one in an owned section, is a
/// usage error naming the likely key ("did you mean core.timeout?").
Status check_key_name(std::string_view key);

class Config {
 public:
  Config() = default;
  explicit Config(std::filesystem::path file) : file_(std::move(file)) {}

  /// Reads `file`; a missing file is an empty config. Parse errors name the file and line.
  static Result<Config> load(const std::filesystem::path& file);
  /// Parses TOML text; `source` names it in errors.
  static Result<Config> parse(std::string_view text, const std::string& source);

  const ConfigValue* find(std::string_view key) const;
  /// The stored text of `key`, or "" when absent.
  std::string get(std::string_view key) const;
  /// True when some stored key lies below `key` (so `key` names a section).
  bool is_section(std::string_view key) const;

  /// Stores `value` under `key` after converting it by the key's kind; bad values are
  /// rejected with an error naming the key and the expected type, and nothing changes.
  Status set(std::string_view key, std::string_view value);
  /// Removes `key` (and the token with core.dcos_url); false when it was not set.
  bool unset(std::string_view key);

  const std::map<std::string, ConfigValue>& values() const { return values_; }
  const std::filesystem::path& file() const { return file_; }
  /// Permission bits of the file when it was loaded (0 when it did not exist).
  unsigned mode_on_disk() const { return mode_on_disk_; }

  /// The file contents in the layout of the real CLI (go-toml): a blank line before each
  /// table, tables and keys sorted, keys indented two spaces per table level.
  std::string to_toml() const;
  /// Writes to_toml() to file() atomically with mode 0600.
  Status save(const AtomicWriteOptions& options = {}) const;

 private:
  std::filesystem::path file_;
  std::map<std::string, ConfigValue> values_;
  unsigned mode_on_disk_ = 0;
};

/// The value a command should use for `key`: the environment override when the key has one
/// and the variable is set, else the stored text; std::nullopt when neither exists.
std::optional<std::string> effective_value(const Config& config, std::string_view key,
                                           const EnvLookup& env);

/// Checks every stored value against the known keys' types, and every stored key against
/// check_key_name (unknown keys of owned sections, keys without a section); one message per
/// problem.
std::vector<std::string> validate_config(const Config& config);

}  // namespace dcos
