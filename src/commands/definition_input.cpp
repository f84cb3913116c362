#include "commands/definition_input.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "client/definition.hpp"
#include "client/document_fetch.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr size_t kMaxDefinition = 16 * 1024 * 1024;  ///< larger input is surely a mistake

Result<std::string> read_stdin(Context& context, const std::string& example) {
  if (context.terminal.stdin_tty)
    return Error::make(ErrorKind::usage,
                       "no definition given, and stdin is a terminal: pass a file or a URL, or "
                       "pipe the definition in",
                       "e.g. " + example);
  std::string text((std::istreambuf_iterator<char>(context.in)), std::istreambuf_iterator<char>());
  return text;
}

Result<std::string> read_file(const std::string& path) {
  if (std::error_code ignored; std::filesystem::is_directory(path, ignored))
    return Error::make(ErrorKind::usage, "'" + path + "' is a directory, not a definition file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::make(ErrorKind::not_found,
                       "can't read '" + path + "': no such file, or not readable");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::make(ErrorKind::generic, "can't read '" + path + "'");
  return text.str();
}

/// A plain GET of `url` with no credentials, through the Context's transport (so -v traces it).
Result<std::string> read_url(Context& context, const std::string& url) {
  auto verify = context.env ? context.env("DCOS_SSL_VERIFY") : std::nullopt;
  HttpClient http = context.client(document_options(url, verify));
  return fetch_document(http);
}

}  // namespace

Result<nlohmann::json> load_definition(Context& context, const std::string& resource,
                                       const std::string& example) {
  Result<std::string> text = std::string();
  std::string source = resource;
  if (resource.empty() || resource == "-") {
    source = "stdin";
    text = read_stdin(context, example);
  } else if (starts_with(resource, "http://") || starts_with(resource, "https://")) {
    text = read_url(context, resource);
  } else {
    text = read_file(resource);
  }
  if (!text) return text.take_error();
  if (text->size() > kMaxDefinition)
    return Error::make(ErrorKind::invalid, source + " is larger than 16 MiB; is it a definition?");
  return parse_definition(*text, source);
}

Result<ChangeParts> load_change_parts(Context& context, const std::vector<std::string>& arguments,
                                      const std::string& example) {
  ChangeParts parts;
  std::vector<std::string> items;
  std::string resource;
  for (const auto& argument : arguments) {
    if (argument.find('=') != std::string::npos) {
      items.push_back(argument);
    } else if (!resource.empty()) {
      return Error::make(
          ErrorKind::usage,
          "give at most one file or URL, not '" + resource + "' and '" + argument + "'",
          "write properties as key=value, e.g. instances=3");
    } else {
      resource = argument;
    }
  }
  const bool remote = starts_with(resource, "http://") || starts_with(resource, "https://");
  std::error_code ignored;
  if (!resource.empty() && resource != "-" && !remote &&
      !std::filesystem::exists(resource, ignored))
    return Error::make(ErrorKind::usage,
                       "'" + resource + "' is neither a key=value property nor a file",
                       "write a property as key=value (e.g. instances=3), or give the path or "
                       "http(s) URL of a JSON or YAML definition");
  if (!resource.empty() || items.empty()) {
    auto document = load_definition(context, resource.empty() ? "-" : resource, example);
    if (!document) return document.take_error();
    if (!document->is_object())
      return Error::make(ErrorKind::invalid,
                         (resource.empty() || resource == "-" ? std::string("stdin") : resource) +
                             ": expected an object of the fields to change");
    parts.document = std::move(*document);
  }
  if (!items.empty()) {
    auto properties = parse_properties(items);
    if (!properties) return properties.take_error();
    parts.properties = std::move(*properties);
  }
  return parts;
}

Result<nlohmann::json> load_changes(Context& context, const std::vector<std::string>& arguments,
                                    const std::string& example) {
  auto parts = load_change_parts(context, arguments, example);
  if (!parts) return parts.take_error();
  nlohmann::json changes = parts->document.is_null() ? nlohmann::json::object() : parts->document;
  for (const auto& [key, value] : parts->properties.items()) changes[key] = value;
  return changes;
}

}  // namespace dcos
