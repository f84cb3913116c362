// The one way a list verb prints: a table (or whatever human form the verb has), --json (the
// server's objects, or a document the verb builds), or -q (one id per line). Each verb binds
// its flags with add_list_flags(), passing its own help texts, and hands print_list() the
// renderings it has; print_list() picks one by the flags. -q wins over --json, as it always has
// in every verb that has both. The renderings are called lazily, so a verb fetches what only
// one form needs (the table's side data, a JSON-only field) inside that form's callback.
//
// One rule for every empty list (kubectl's): the table form prints nothing on stdout and a
// note on stderr ("No deployments."), -q prints nothing, --json prints its document (`[]`), and
// the exit status is 0. A filter that names something missing is another matter (not found).
#pragma once

#include "cli/context.hpp"
#include "cli/flags.hpp"

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// What a list verb's --json and -q flags were set to.
struct ListFlags {
  bool json = false;
  bool quiet = false;
  bool wide = false;  ///< --wide: the table shows every column in full on a terminal too
};

/// The help text of each flag; an empty text leaves that flag out (most list verbs of the real
/// CLI have no -q, and `config keys` has no --json; only a verb without a table has no --wide).
struct ListFlagHelp {
  std::string json;
  std::string quiet;
  std::string wide = "Show every column in full, however narrow the terminal";
};

/// Adds `--json`, `-q,--quiet` and `--wide` (those that have help texts) to `app`, bound to
/// `flags`.
void add_list_flags(Flags& app, ListFlags& flags, const ListFlagHelp& help);

enum class ListMode { table, json, ids };

/// The form the flags ask for: ids with -q (even beside --json), JSON with --json, else table.
ListMode list_mode(const ListFlags& flags);

/// A list's three forms. `table` writes itself (it knows the terminal's width); `json` returns
/// the document print_list writes; `ids` returns the -q lines. A form the verb never offers may
/// be left empty.
struct ListRenderings {
  std::function<Status()> table;
  std::function<Result<nlohmann::json>()> json;
  std::function<Result<std::vector<std::string>>()> ids;
  /// Whether the list is empty (asked before the table or ids are); unset: never empty.
  std::function<bool()> empty;
  /// The note an empty list's table form writes on stderr, e.g. "No deployments.".
  std::string none = "Nothing to list.";
};

/// What an empty list prints in `mode`: its note on `err` for the table form, nothing else. For
/// a list printed as it is read (task list), which cannot hand print_list its renderings.
void print_empty(std::ostream& err, ListMode mode, const std::string& none);

/// Prints the form `flags` ask for on `out` (JSON indented by 4, ids one per line), or an
/// empty list's note on `err` (see above).
Status print_list(std::ostream& out, std::ostream& err, const ListFlags& flags,
                  const ListRenderings& renderings);

/// The same on the context's streams; with --wide, the context's tables take no width.
Status print_list(Context& context, const ListFlags& flags, const ListRenderings& renderings);

}  // namespace dcos
