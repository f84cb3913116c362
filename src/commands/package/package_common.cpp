// What the `dcos package` verbs share: the Cosmos client, the --options file and its check
// against the package's schema, describe's JSON layout, and the terminal-or---yes rule.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/prompt.hpp"
#include "commands/package/package_verbs.hpp"
#include "jsonschema/json_schema.hpp"

namespace dcos {
namespace {

using nlohmann::json;

/// Line and column (1-based) of byte `offset` of `text`.
std::pair<size_t, size_t> position(const std::string& text, size_t offset) {
  size_t line = 1;
  size_t start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  return {line, offset - start + 1};
}

/// nlohmann's reason without its "[json.exception…] parse error at line…: " preamble (the
/// position is given separately), and without "syntax error while parsing …" when a tail says more.
std::string parse_reason(const std::string& what) {
  size_t at = what.find(": ");
  std::string reason = at == std::string::npos ? what : what.substr(at + 2);
  if (reason.rfind("syntax error while parsing ", 0) == 0) {
    size_t dash = reason.find(" - ");
    if (dash != std::string::npos) reason = reason.substr(dash + 3);
  }
  return reason;
}

}  // namespace

Result<CosmosClient> cosmos_client(Context& context) {
  auto http = context.client(Service::cosmos);
  if (!http) return http.error();
  return CosmosClient(std::move(http).value());
}

Result<std::optional<json>> read_options_file(const std::string& path) {
  if (path.empty()) return std::optional<json>();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    return Error::make(ErrorKind::usage, "couldn't find options file '" + path + "'");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof())
    return Error::make(ErrorKind::usage, "couldn't read options file '" + path + "'");
  const std::string content = text.str();
  try {
    json options = json::parse(content);
    if (!options.is_object())
      return Error::make(ErrorKind::usage, "options file '" + path +
                                               "' must hold a JSON object, it holds " +
                                               std::string(options.type_name()));
    return std::optional<json>(std::move(options));
  } catch (const json::parse_error& failure) {
    size_t offset = failure.byte > 0 ? failure.byte - 1 : 0;
    auto [line, column] = position(content, offset);
    return Error::make(ErrorKind::usage, "options file '" + path + "' is not valid JSON: line " +
                                             std::to_string(line) + ", column " +
                                             std::to_string(column) + ": " +
                                             parse_reason(failure.what()));
  }
}

Status check_options(const CosmosPackage& package, const json& options, const std::string& file) {
  const std::string subject = "package " + package.name + " " + package.version;
  if (package.config.is_null()) {
    if (options.is_object() && !options.empty())
      return Error::make(ErrorKind::usage,
                         subject + " takes no options, but '" + file + "' gives some");
    return Status::success();
  }
  json merged = jsonschema::merge(jsonschema::defaults(package.config), options);
  auto problems = jsonschema::validate(package.config, merged);
  if (problems.empty()) return Status::success();
  std::string message = (file.empty() ? "the default options" : "the options of '" + file + "'") +
                        std::string(" do not fit the schema of ") + subject + ":";
  for (const auto& problem : problems) message += "\n  " + jsonschema::describe(problem);
  return Error::make(ErrorKind::usage, message,
                     "see the options with 'dcos package describe " + package.name +
                         " --config'; nothing was installed");
}

void write_json2(std::ostream& out, const json& value) {
  out << value.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Status need_terminal_or_yes(const Context& context, const std::string& action) {
  if (can_prompt(context)) return Status::success();
  return Error::make(ErrorKind::usage, "cannot ask for confirmation to " + action +
                                           " without a terminal; add --yes to go ahead");
}

std::string cut_bytes(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace dcos
