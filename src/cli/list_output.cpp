#include "cli/list_output.hpp"

#include <nlohmann/json.hpp>

#include "cli/output.hpp"

namespace dcos {

void add_list_flags(Flags& app, ListFlags& flags, const ListFlagHelp& help) {
  if (!help.json.empty()) app.add_flag("--json", flags.json, help.json);
  if (!help.quiet.empty()) app.add_flag("-q,--quiet", flags.quiet, help.quiet);
}

ListMode list_mode(const ListFlags& flags) {
  if (flags.quiet) return ListMode::ids;
  return flags.json ? ListMode::json : ListMode::table;
}

Status print_list(std::ostream& out, const ListFlags& flags, const ListRenderings& renderings) {
  switch (list_mode(flags)) {
    case ListMode::ids: {
      auto ids = renderings.ids();
      if (!ids) return ids.take_error();
      write_ids(out, *ids);
      return Status::success();
    }
    case ListMode::json: {
      auto document = renderings.json();
      if (!document) return document.take_error();
      write_json(out, *document);
      return Status::success();
    }
    case ListMode::table:
      break;
  }
  return renderings.table();
}

}  // namespace dcos
