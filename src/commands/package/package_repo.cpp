// `dcos package repo add|list|remove|import` (spec core-cli.md §4.2): the package repositories
// Cosmos reads, in priority order. add, remove and import change the list and print nothing on
// stdout; import reports each repository on stderr.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/json_fields.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct AddOptions {
  std::string name;
  std::string url;
  long long index = 0;
  bool index_given = false;  ///< --index was given (only then is it sent)
};

struct ListOptions {
  ListFlags list;
};

struct RemoveOptions {
  std::vector<std::string> names;
};

struct ImportOptions {
  std::string file;
};

Status run_add(const AddOptions& options, Context& context) {
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  std::optional<long long> index;
  if (options.index_given) index = options.index;
  auto added = cosmos->add_repository(options.name, options.url, index);
  if (!added) return added.error();
  return Status::success();
}

Status run_list(const ListOptions& options, Context& context) {
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  auto repos = cosmos->repositories();
  if (!repos) return repos.error();
  ListRenderings renderings;
  renderings.json = [&repos]() -> Result<json> { return repos->raw; };
  renderings.empty = [&] { return repos->repositories.empty(); };
  renderings.none = "No package repositories.";
  renderings.table = [&]() -> Status {
    for (const auto& repo : repos->repositories)
      context.out << repo.name << ": " << repo.uri << "\n";
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

Status run_remove(const RemoveOptions& options, Context& context) {
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  for (const auto& name : options.names) {
    auto left = cosmos->delete_repository(name);
    if (!left) return left.error();
  }
  return Status::success();
}

Status run_import(const ImportOptions& options, Context& context) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(options.file, error))
    return Error::make(ErrorKind::usage, "path '" + options.file + "' does not exist");
  std::ifstream in(options.file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return Error::make(ErrorKind::usage,
                       "'" + options.file +
                           "' is not a JSON object like {\"repositories\": [{\"name\", \"uri\"}]}");
  auto repos = document.find("repositories");
  if (repos == document.end() || !repos->is_array() || repos->empty())
    return Error::make(ErrorKind::usage, "no repositories found to import");
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  long long index = 0;
  for (const auto& repo : *repos) {
    const long long at = index++;
    const std::string name = repo.is_object() ? json_fields::string_field(repo, "name") : "";
    const std::string uri = repo.is_object() ? json_fields::string_field(repo, "uri") : "";
    if (name.empty() || uri.empty()) {
      context.warn("Repo missing name or uri. Skipping.");
      continue;
    }
    auto added = cosmos->add_repository(name, uri, at);
    if (!added) {
      context.warn("Error (" + added.error().message + ") while adding repo '" + name + "' (" +
                   uri + "). Skipping.");
      continue;
    }
    context.err << "Added repo '" << name << "' (" << uri << ") at index " << at << "\n";
  }
  return Status::success();
}

}  // namespace

void register_package_repo(CommandTable& table) {
  table.group("package repo", {.summary = "Manage the package repositories",
                               .description = "Add, list, remove and import the package "
                                              "repositories Cosmos reads, in priority order."});
  table.verb<AddOptions>(
      "package repo add",
      {.summary = "Add a package repository to DC/OS",
       .arguments = "<repo-name> <repo-url>",
       .examples = "    dcos package repo add Universe https://universe.mesosphere.com/repo\n"
                   "    dcos package repo add mine https://example.com/repo --index=0\n",
       .needs = Needs::cluster},
      [](Flags& flags, AddOptions& options) {
        flags.add_option("repo-name", options.name, "The repository's name")->required();
        flags.add_option("repo-url", options.url, "The repository's URL")->required();
        flags
            .add_option("--index", options.index,
                        "Its place in the list (0 first); appended when absent")
            ->type_name("<index>")
            ->each([&options](const std::string&) { options.index_given = true; });
      },
      run_add);
  table.verb<ListOptions>(
      "package repo list",
      {.summary = "Print the package repository sources",
       .description = "One '<name>: <uri>' line per repository, in priority order.",
       .needs = Needs::cluster},
      [](Flags& flags, ListOptions& options) {
        add_list_flags(
            flags, options.list,
            {.json = "Print Cosmos's answer ({\"repositories\": [...]})", .quiet = "", .wide = ""});
      },
      run_list);
  table.verb<RemoveOptions>(
      "package repo remove",
      {.summary = "Remove a package repository from DC/OS",
       .arguments = "<repo-name>...",
       .examples = "    dcos package repo remove mine\n",
       .needs = Needs::cluster},
      [](Flags& flags, RemoveOptions& options) {
        flags.add_option("repo-names", options.names, "The repositories to remove")->required();
      },
      run_remove);
  table.verb<ImportOptions>(
      "package repo import",
      {.summary = "Add the package repositories listed in a file",
       .description = "Add each repository of a file such as 'dcos package repo list --json'\n"
                      "writes ({\"repositories\": [{\"name\": ..., \"uri\": ...}]}) at its place "
                      "in the list.",
       .arguments = "<repos-file>",
       .needs = Needs::cluster},
      [](Flags& flags, ImportOptions& options) {
        flags.add_option("repos-file", options.file, "The file of repositories")->required();
      },
      run_import);
}

}  // namespace dcos
