// `dcos config`: read and change the current cluster's dcos.toml.
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr const char* kTokenKey = "core.dcos_acs_token";
constexpr const char* kMasked = "********";

struct KeysOptions {
  ListFlags list;
};

struct SetOptions {
  std::string name;
  std::string value;
};

struct ShowOptions {
  std::string name;
  bool json = false;
};

struct UnsetOptions {
  std::string name;
};

struct ValidateOptions {};

/// Keys under `section`, for the error that says a section is not a key.
std::string keys_below(const Config& config, const std::string& section) {
  std::vector<std::string> names;
  for (const auto& [key, value] : config.values()) {
    if (starts_with(key, section + ".")) names.push_back(key);
  }
  return join(names, ", ");
}

Error not_a_key(const Config& config, const std::string& name) {
  if (config.is_section(name)) {
    return Error::make(
        ErrorKind::not_found,
        "\"" + name + "\" is a section, not a key; its keys are " + keys_below(config, name));
  }
  auto likely = likely_key(name);
  return Error::make(ErrorKind::not_found, "config key \"" + name + "\" is not set",
                     likely ? "did you mean " + std::string(*likely) + "?"
                            : "run 'dcos config show' to see what is set");
}

/// Every key with a value: stored keys plus keys whose environment override is set.
std::map<std::string, std::string> effective_values(const Config& config, const EnvLookup& env) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : config.values()) values[key] = value.text;
  for (const auto& known : known_keys()) {
    if (auto value = effective_value(config, known.name, env))
      values[std::string(known.name)] = *value;
  }
  return values;
}

nlohmann::json typed(const Config& config, const std::string& key, const std::string& text) {
  const ConfigValue* stored = config.find(key);
  if (stored != nullptr && stored->text == text) {
    if (stored->type == ValueType::integer) return parse_int(text).value_or(0);
    if (stored->type == ValueType::boolean) return text == "true";
  }
  return text;
}

Status run_keys(const KeysOptions& options, Context& context) {
  ListRenderings renderings;
  renderings.ids = []() -> Result<std::vector<std::string>> {
    std::vector<std::string> names;
    for (const auto& key : known_keys()) names.emplace_back(key.name);
    return names;
  };
  // The real CLI's form, not a table: "<key> : <description>" lines.
  renderings.table = [&]() -> Status {
    for (const auto& key : known_keys())
      context.out << key.name << " : " << key.description << "\n";
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_set(const SetOptions& options, Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  Config& config = (*cluster)->config;
  if (Status name = check_key_name(options.name); !name) return name;
  if (auto likely = likely_key(options.name)) {
    // A plugin's section (not ours) that looks like one of ours: kept, but said.
    context.warn(options.name + " is kept for a plugin; did you mean " + std::string(*likely) +
                 "?");
  }
  Status changed = config.set(options.name, options.value);
  if (!changed) return changed;
  Status saved = config.save();
  if (!saved) return saved;
  const bool secret = options.name == kTokenKey;
  context.info("Config value " + options.name + " was set to " +
               (secret ? std::string(kMasked) : config.get(options.name)));
  return Status::success();
}

Status run_show(const ShowOptions& options, Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  const Config& config = (*cluster)->config;
  if (!options.name.empty()) {
    auto value = effective_value(config, options.name, context.env);
    if (!value) return not_a_key(config, options.name);
    if (options.json) {
      write_json(context.out, typed(config, options.name, *value));
    } else {
      context.out << *value << "\n";
    }
    return Status::success();
  }
  auto values = effective_values(config, context.env);
  if (values.count(kTokenKey) != 0) values[kTokenKey] = kMasked;
  if (options.json) {
    nlohmann::json document = nlohmann::json::object();
    for (const auto& [key, text] : values) document[key] = typed(config, key, text);
    write_json(context.out, document);
    return Status::success();
  }
  for (const auto& [key, text] : values) context.out << key << " " << text << "\n";
  return Status::success();
}

Status run_unset(const UnsetOptions& options, Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  Config& config = (*cluster)->config;
  if (!config.unset(options.name)) return not_a_key(config, options.name);
  Status saved = config.save();
  if (!saved) return saved;
  context.info("Config value " + options.name + " was removed");
  return Status::success();
}

Status run_validate(const ValidateOptions&, Context& context) {
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  const auto& file = (*cluster)->file();
  auto problems = validate_config((*cluster)->config);
  for (const auto& problem : problems) context.err << file.string() << ": " << problem << "\n";
  if (!problems.empty()) {
    return Error::make(ErrorKind::invalid,
                       file.string() + " has " + std::to_string(problems.size()) + " problem(s)");
  }
  context.err << file.string() << " is valid\n";
  return Status::success();
}

}  // namespace

void register_config_commands(CommandTable& table) {
  table.verb<KeysOptions>(
      "config keys", {.summary = "List the configuration keys and what they mean"},
      [](Flags& app, KeysOptions& options) {
        add_list_flags(app, options.list, {.quiet = "Print only the key names"});
      },
      run_keys);

  table.verb<SetOptions>(
      "config set",
      {.summary = "Set a configuration value",
       .description =
           "Set a configuration value of the current cluster. Values are checked before they\n"
           "are stored: core.timeout takes whole seconds, core.ssl_verify takes true, false or\n"
           "the path of a CA bundle, URLs must start with http:// or https://, and\n"
           "core.pagination, core.reporting and core.prompt_login take true or false.\n"
           "Changing core.dcos_url removes the stored token.\n\n"
           "Keys are <section>.<key>. In the sections this CLI owns (cluster, core, job,\n"
           "marathon, package) only the keys 'dcos config keys' lists can be set: anything\n"
           "else there is a typo and is refused (exit 2) with the likely key. Keys of any\n"
           "other section belong to plugins and are stored as strings, as the real CLI does.",
       .arguments = "<name> <value>",
       .examples = "    dcos config set core.timeout 30\n"
                   "    dcos config set core.ssl_verify /etc/ssl/my-cluster-ca.pem\n"
                   "    dcos config set kafka.default_topic events   # a plugin's key\n",
       .needs = Needs::cluster},
      [](Flags& app, SetOptions& options) {
        app.add_option("name", options.name, "Key to set")->required();
        app.add_option("value", options.value, "New value")->required();
      },
      run_set);

  table.verb<ShowOptions>(
      "config show",
      {.summary = "Print the configuration, or one value",
       .description = "Print every configuration value of the current cluster as \"<key> "
                      "<value>\" lines\n(the token is masked), or the value of one key. "
                      "DCOS_SSL_VERIFY and DCOS_TIMEOUT,\nwhen set, override the file. Asking for "
                      "core.dcos_acs_token by name prints it,\nfor scripts that pass it on.",
       .arguments = "[<name>]",
       .needs = Needs::cluster},
      [](Flags& app, ShowOptions& options) {
        app.add_option("name", options.name, "Key to print");
        app.add_flag("--json", options.json, "Print JSON");
      },
      run_show);

  table.verb<UnsetOptions>(
      "config unset",
      {.summary = "Remove a configuration value",
       .description = "Remove a key from the current cluster's configuration. Removing\n"
                      "core.dcos_url also removes the token. A key that is not set is an error "
                      "(exit 3).",
       .arguments = "<name>",
       .needs = Needs::cluster},
      [](Flags& app, UnsetOptions& options) {
        app.add_option("name", options.name, "Key to remove")->required();
      },
      run_unset);

  table.verb<ValidateOptions>(
      "config validate",
      {.summary = "Check the configuration for missing or mistyped values",
       .description = "Check the current cluster's configuration: core.dcos_url must be set, "
                      "every known\nkey must hold a value of its type, and the sections this "
                      "CLI owns (cluster, core,\njob, marathon, package) must hold no unknown "
                      "keys. Problems are listed on stderr\nand the exit status is 1.",
       .needs = Needs::cluster},
      [](Flags&, ValidateOptions&) {}, run_validate);
}

}  // namespace dcos
