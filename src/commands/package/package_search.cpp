// `dcos package search [<query>]`: the packages of the cluster's repositories, in Cosmos's order
// (spec core-cli.md §4.2): NAME, VERSION, CERTIFIED, FRAMEWORK, DESCRIPTION, a description of
// 80 bytes or more cut to its first 76 and "...". --json prints Cosmos's answer as it came.
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "commands/package/package_verbs.hpp"

namespace dcos {
namespace {

struct SearchOptions {
  std::string query;
  ListFlags list;
};

std::string search_description(const std::string& text) {
  return text.size() >= 80 ? cut_bytes(text, 76) + "..." : text;
}

Status run_search(const SearchOptions& options, Context& context) {
  auto cosmos = cosmos_client(context);
  if (!cosmos) return cosmos.error();
  auto found = cosmos->search(options.query);
  if (!found) return found.error();
  if (!options.list.json && !options.query.empty() && found->packages.empty())
    return Error::make(ErrorKind::not_found, "no packages found");
  ListRenderings renderings;
  renderings.json = [&found]() -> Result<nlohmann::json> { return found->raw; };
  renderings.empty = [&] { return found->packages.empty(); };
  renderings.none = "No packages.";
  renderings.table = [&]() -> Status {
    Table table({{"NAME", ColumnKind::identifier},
                 "VERSION",
                 {"CERTIFIED", ColumnKind::optional, 2},
                 {"FRAMEWORK", ColumnKind::optional, 1},
                 {"DESCRIPTION", ColumnKind::text}});
    for (const auto& package : found->packages)
      table.add_row({package.name, package.current_version, package.selected ? "true" : "false",
                     package.framework ? "true" : "false",
                     search_description(package.description)});
    table.set_align(1, Align::left);
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

}  // namespace

void register_package_search(CommandTable& table) {
  table.verb<SearchOptions>(
      "package search",
      {.summary = "Search the package repository",
       .description =
           "List the packages of the cluster's repositories whose name, description or tags\n"
           "contain <query> (any case), or match it when it has '*' wildcards. Certified\n"
           "packages come first.",
       .arguments = "[<query>]",
       .examples = "    dcos package search\n    dcos package search cass\n"
                   "    dcos package search 'kafka*' --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, SearchOptions& options) {
        flags.add_option("query", options.query, "Text or pattern to look for");
        add_list_flags(
            flags, options.list,
            {.json = "Print Cosmos's answer as JSON ({\"packages\": [...]})", .quiet = ""});
      },
      run_search);
}

}  // namespace dcos
