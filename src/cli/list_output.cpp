#include "cli/list_output.hpp"

#include <nlohmann/json.hpp>

#include "cli/output.hpp"

namespace dcos {

void add_list_flags(Flags& app, ListFlags& flags, const ListFlagHelp& help) {
  if (!help.json.empty()) app.add_flag("--json", flags.json, help.json);
  if (!help.quiet.empty()) app.add_flag("-q,--quiet", flags.quiet, help.quiet);
  if (!help.wide.empty()) app.add_flag("--wide", flags.wide, help.wide);
}

ListMode list_mode(const ListFlags& flags) {
  if (flags.quiet) return ListMode::ids;
  return flags.json ? ListMode::json : ListMode::table;
}

void print_empty(std::ostream& err, ListMode mode, const std::string& none) {
  if (mode == ListMode::table) err << none << "\n";
}

Status print_list(std::ostream& out, std::ostream& err, const ListFlags& flags,
                  const ListRenderings& renderings) {
  const ListMode mode = list_mode(flags);
  if (mode != ListMode::json && renderings.empty && renderings.empty()) {
    print_empty(err, mode, renderings.none);
    return Status::success();
  }
  switch (mode) {
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

Status print_list(Context& context, const ListFlags& flags, const ListRenderings& renderings) {
  context.wide_tables = flags.wide;
  return print_list(context.out, context.err, flags, renderings);
}

}  // namespace dcos
