#include "client/config.hpp"
#include "client/number_format.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include <toml++/toml.h>

#include "client/cluster_url.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr KnownKey kKnownKeys[] = {
    {"cluster.name", KeyKind::string, "the name shown for this cluster", ""},
    {"core.dcos_acs_token", KeyKind::string, "the token that authenticates you to the cluster", ""},
    {"core.dcos_private_key", KeyKind::string,
     "the path of the service account's private key used to log in again when the token "
     "expires (the key itself is never stored; this CLI only)",
     ""},
    {"core.dcos_service_account", KeyKind::string,
     "the service account that logs in again when the token expires (this CLI only)", ""},
    {"core.dcos_url", KeyKind::url, "the URL of the cluster's masters (its Admin Router)", ""},
    {"core.mesos_master_url", KeyKind::url,
     "the URL of the Mesos master, when it is not core.dcos_url/mesos", ""},
    {"core.pagination", KeyKind::boolean, "whether long output goes through a pager", ""},
    {"core.prompt_login", KeyKind::boolean,
     "whether to ask before logging in again when the token has expired", ""},
    {"core.reporting", KeyKind::boolean, "whether usage events are reported", ""},
    {"core.ssh_proxy_ip", KeyKind::string, "a fixed SSH proxy (bastion) host for node access", ""},
    {"core.ssh_user", KeyKind::string, "the user for SSH connections to nodes", ""},
    {"core.ssl_verify", KeyKind::tls,
     "true to check TLS certificates against the system CAs, false to skip the check, or the "
     "path of a CA bundle",
     "DCOS_SSL_VERIFY"},
    {"core.timeout", KeyKind::integer,
     "seconds a request may take before it is abandoned; 0 for no limit (default 180)",
     "DCOS_TIMEOUT"},
    {"job.service_name", KeyKind::string, "the name of the Metronome service", ""},
    {"job.url", KeyKind::url,
     "the URL of Metronome, when it is not core.dcos_url/service/metronome", ""},
    {"marathon.url", KeyKind::url,
     "the URL of Marathon, when it is not core.dcos_url/service/marathon", ""},
    {"package.cosmos_url", KeyKind::url,
     "the URL of Cosmos (the part before /package), when it is not core.dcos_url", ""},
};

bool bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string quote_toml(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\\u" + hex(static_cast<unsigned char>(c), 4);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string toml_key(std::string_view segment) {
  bool bare = !segment.empty() && std::all_of(segment.begin(), segment.end(), bare_key_char);
  return bare ? std::string(segment) : quote_toml(segment);
}

std::string toml_value(const ConfigValue& value) {
  return value.type == ValueType::string ? quote_toml(value.text) : value.text;
}

void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, ConfigValue>& out) {
  for (const auto& [key, node] : table) {
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, name, out);
    } else if (const auto* s = node.as_string()) {
      out[name] = {ValueType::string, s->get()};
    } else if (const auto* i = node.as_integer()) {
      out[name] = {ValueType::integer, std::to_string(i->get())};
    } else if (const auto* b = node.as_boolean()) {
      out[name] = {ValueType::boolean, b->get() ? "true" : "false"};
    } else if (const auto* f = node.as_floating_point()) {
      std::ostringstream text;
      text << *f;
      out[name] = {ValueType::floating, text.str()};
    } else {
      std::ostringstream text;
      text << toml::toml_formatter{node};
      out[name] = {ValueType::other, text.str()};
    }
  }
}

/// Valid keys are dot-separated words of letters, digits, '_' and '-'.
bool valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (const auto& segment : split(key, '.')) {
    if (segment.empty() || !std::all_of(segment.begin(), segment.end(), bare_key_char)) {
      return false;
    }
  }
  return true;
}

bool http_url(std::string_view value) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (value.size() > scheme.size() && iequals(value.substr(0, scheme.size()), scheme)) {
      return true;
    }
  }
  return false;
}

Error bad_value(std::string_view key, std::string_view expected, std::string_view value) {
  return Error::make(ErrorKind::invalid, std::string(key) + " expects " + std::string(expected) +
                                             ", got \"" + std::string(value) + "\"");
}

/// Converts `value` for `key`, or explains why it cannot be stored.
Result<ConfigValue> convert(std::string_view key, std::string_view value) {
  const KnownKey* known = find_known_key(key);
  switch (known != nullptr ? known->kind : KeyKind::string) {
    case KeyKind::string:
      return ConfigValue{ValueType::string, std::string(value)};
    case KeyKind::url:
      if (!http_url(value)) {  // a usage error: ftp://x or a bare host is no cluster address
        Error error = bad_value(key, "an http:// or https:// URL", value);
        error.kind = ErrorKind::usage;
        if (url_scheme(value).empty() && !trim(value).empty())
          error.hint = "did you mean https://" + std::string(trim(value)) + "?";
        return error;
      }
      return ConfigValue{ValueType::string, std::string(value)};
    case KeyKind::integer: {
      auto number = parse_int(value);
      if (!number || *number < 0) return bad_value(key, "a whole number of seconds", value);
      return ConfigValue{ValueType::integer, std::to_string(*number)};
    }
    case KeyKind::boolean: {
      auto flag = parse_bool(value);
      if (!flag) return bad_value(key, "a boolean (true or false)", value);
      return ConfigValue{ValueType::boolean, *flag ? "true" : "false"};
    }
    case KeyKind::tls: {
      if (auto flag = parse_bool(value)) {
        return ConfigValue{ValueType::string, *flag ? "true" : "false"};
      }
      std::error_code error;
      std::filesystem::path path(value);
      if (value.empty() || !std::filesystem::is_regular_file(path, error)) {
        return Error::make(ErrorKind::invalid,
                           std::string(key) +
                               " expects true, false or the path of a CA bundle "
                               "file; \"" +
                               std::string(value) + "\" is not a file");
      }
      return ConfigValue{ValueType::string, std::filesystem::absolute(path, error).string()};
    }
  }
  return ConfigValue{ValueType::string, std::string(value)};
}

void write_table(std::ostringstream& out, const std::map<std::string, ConfigValue>& values,
                 const std::string& table, size_t depth) {
  const std::string prefix = table.empty() ? "" : table + ".";
  const std::string indent(2 * depth, ' ');
  std::set<std::string> children;
  for (auto it = values.lower_bound(prefix); it != values.end() && starts_with(it->first, prefix);
       ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    auto dot = rest.find('.');
    if (dot == std::string_view::npos) {
      out << indent << toml_key(rest) << " = " << toml_value(it->second) << "\n";
    } else {
      children.insert(std::string(rest.substr(0, dot)));
    }
  }
  for (const auto& child : children) {
    std::vector<std::string> path = table.empty() ? std::vector<std::string>{} : split(table, '.');
    path.push_back(child);
    std::vector<std::string> quoted;
    for (const auto& segment : path) quoted.push_back(toml_key(segment));
    out << "\n" << std::string(2 * depth, ' ') << "[" << join(quoted, ".") << "]\n";
    write_table(out, values, prefix + child, depth + 1);
  }
}

}  // namespace

std::span<const KnownKey> known_keys() { return kKnownKeys; }

const KnownKey* find_known_key(std::string_view name) {
  for (const auto& key : kKnownKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

bool owned_section(std::string_view section) {
  for (const auto& key : kKnownKeys) {
    if (key.name.substr(0, key.name.find('.')) == section) return true;
  }
  return false;
}

std::optional<std::string_view> likely_key(std::string_view key) {
  if (find_known_key(key) != nullptr) return std::nullopt;
  std::optional<std::string_view> best;
  size_t best_distance = 3;  // at most two letters off
  for (const auto& known : kKnownKeys) {
    size_t distance = edit_distance(key, known.name);
    // `timeout` for `core.timeout`: the key without its section.
    std::string_view leaf = known.name.substr(known.name.find('.') + 1);
    if (key.find('.') == std::string_view::npos)
      distance = std::min(distance, edit_distance(key, leaf));
    if (distance < best_distance) {
      best_distance = distance;
      best = known.name;
    }
  }
  return best;
}

Status check_key_name(std::string_view key) {
  if (find_known_key(key) != nullptr) return Status::success();
  const std::string name(key);
  auto likely = likely_key(key);
  const std::string hint =
      likely ? "did you mean " + std::string(*likely) + "? ('dcos config keys' lists the keys)"
             : "run 'dcos config keys' to see the keys";
  auto dot = key.find('.');
  if (dot == std::string_view::npos) {
    return Error::make(ErrorKind::usage,
                       "config key \"" + name + "\" has no section: keys are <section>.<key>",
                       hint);
  }
  if (owned_section(key.substr(0, dot))) {
    return Error::make(ErrorKind::usage, "unknown config key \"" + name + "\"", hint);
  }
  return Status::success();
}

Result<Config> Config::parse(std::string_view text, const std::string& source) {
  Config config{std::filesystem::path(source)};
  try {
    toml::table table = toml::parse(text, source);
    flatten(table, "", config.values_);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return Error::detailed(ErrorKind::config,
                           source + ":" + std::to_string(begin.line) + ":" +
                               std::to_string(begin.column) +
                               ": invalid TOML: " + std::string(error.description()),
                           ErrorDetail::config_unreadable);
  }
  return config;
}

Result<Config> Config::load(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT) return Config{file};
    return Error::make(ErrorKind::config,
                       "cannot read " + file.string() + ": " + std::strerror(errno));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error::make(ErrorKind::config,
                       "cannot read " + file.string() + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto config = parse(text.str(), file.string());
  if (config) config->mode_on_disk_ = info.st_mode & 07777;
  return config;
}

const ConfigValue* Config::find(std::string_view key) const {
  auto it = values_.find(std::string(key));
  return it == values_.end() ? nullptr : &it->second;
}

std::string Config::get(std::string_view key) const {
  const ConfigValue* value = find(key);
  return value != nullptr ? value->text : std::string();
}

bool Config::is_section(std::string_view key) const {
  std::string prefix = std::string(key) + ".";
  auto it = values_.lower_bound(prefix);
  return it != values_.end() && starts_with(it->first, prefix);
}

Status Config::set(std::string_view key, std::string_view value) {
  if (!valid_key(key)) {
    return Error::make(ErrorKind::usage, "invalid config key \"" + std::string(key) +
                                             "\": use dot-separated words such as core.timeout");
  }
  if (is_section(key)) {
    return Error::make(ErrorKind::invalid,
                       "\"" + std::string(key) + "\" is a section; set one of its keys instead");
  }
  auto converted = convert(key, value);
  if (!converted) return converted.error();
  if (key == "core.dcos_url" && get(key) != converted->text) unset("core.dcos_acs_token");
  values_[std::string(key)] = *converted;
  return Status::success();
}

bool Config::unset(std::string_view key) {
  if (key == "core.dcos_url") values_.erase("core.dcos_acs_token");
  return values_.erase(std::string(key)) > 0;
}

std::string Config::to_toml() const {
  std::ostringstream out;
  write_table(out, values_, "", 0);
  return out.str();
}

Status Config::save(const AtomicWriteOptions& options) const {
  AtomicWriteOptions with_mode = options;
  with_mode.mode = 0600;
  return write_file_atomically(file_, to_toml(), with_mode);
}

std::optional<std::string> effective_value(const Config& config, std::string_view key,
                                           const EnvLookup& env) {
  const KnownKey* known = find_known_key(key);
  if (known != nullptr && !known->env.empty() && env) {
    if (auto value = env(std::string(known->env))) return value;
  }
  if (const ConfigValue* value = config.find(key)) return value->text;
  return std::nullopt;
}

std::vector<std::string> validate_config(const Config& config) {
  std::vector<std::string> problems;
  if (config.find("core.dcos_url") == nullptr) {
    problems.push_back("core.dcos_url is not set");
  }
  for (const auto& [key, value] : config.values()) {
    const KnownKey* known = find_known_key(key);
    if (known == nullptr) {
      if (!check_key_name(key)) {
        auto likely = likely_key(key);
        problems.push_back((key.find('.') == std::string::npos ? key + " has no section"
                                                               : key + " is not a known key") +
                           (likely ? "; did you mean " + std::string(*likely) + "?" : ""));
      }
      continue;
    }
    bool string_kind = known->kind == KeyKind::string || known->kind == KeyKind::url ||
                       known->kind == KeyKind::tls;
    if (string_kind && value.type != ValueType::string) {
      problems.push_back(key + " should be a string");
      continue;
    }
    if (known->kind == KeyKind::integer && value.type != ValueType::integer) {
      problems.push_back(key + " should be an integer");
      continue;
    }
    if (known->kind == KeyKind::boolean && value.type != ValueType::boolean) {
      problems.push_back(key + " should be a boolean");
      continue;
    }
    if (known->kind != KeyKind::string && known->kind != KeyKind::boolean) {
      auto converted = convert(key, value.text);
      if (!converted) problems.push_back(converted.error().message);
    }
  }
  return problems;
}

}  // namespace dcos
