// The output layer every command uses for data on stdout: tables laid out like the real CLI's
// (two leading spaces, two between columns, upper-case headers, numbers right-aligned), indented
// JSON that passes server fields through, YAML, and the one-id-per-line form of -q. Unlike the
// real CLI, a header is aligned like its cells and no line ends in blanks. Only on a terminal
// narrower than the table does a table give way, by what its columns declare (ColumnKind):
// free text is cut with "…" first, then optional columns are left out; identifiers never change.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dcos {

enum class Align { automatic, left, right };

/// How a column gives way when a terminal is too narrow for the table. Piped output, and
/// --wide, show every column in full.
enum class ColumnKind {
  value,       ///< short values (counts, states, times): shown in full
  identifier,  ///< ID, NAME, URL, task ids: shown in full, never cut
  text,        ///< free text (CMD, descriptions): cut with "…" first, down to kMinTextWidth
               ///< (left out only when nothing else is left to give way and that is enough)
  optional,    ///< left out, whole, when cutting the text was not enough; by `drop` order
};

/// The narrowest a text column is cut to (or its header's width, when wider).
inline constexpr size_t kMinTextWidth = 12;

/// One column of a table: its header and how it gives way. A bare header is a value column.
struct Column {
  Column(const char* header_text) : header(header_text) {}  // NOLINT: "MEM" is a Column
  Column(std::string header_text, ColumnKind column_kind = ColumnKind::value, int drop_order = 0,
         Align column_align = Align::automatic)
      : header(std::move(header_text)), kind(column_kind), drop(drop_order), align(column_align) {}

  std::string header;
  ColumnKind kind = ColumnKind::value;
  /// Optional columns are left out lowest `drop` first (ties: the rightmost first).
  int drop = 0;
  Align align = Align::automatic;
};

class Table {
 public:
  explicit Table(std::vector<Column> columns);

  void add_row(std::vector<std::string> cells);
  void set_align(size_t column, Align align);
  size_t rows() const { return rows_.size(); }

  /// Writes the table. With `max_width` (stdout is a terminal of that many columns) and lines
  /// wider than that, text columns are cut with "…" and then optional columns left out until
  /// the lines fit (or nothing more may give way: identifiers and values are never cut).
  void print(std::ostream& out, std::optional<int> max_width = std::nullopt) const;

  /// Fills `cells` (one per header) with the row at `index`.
  using RowSource = std::function<void(size_t index, std::vector<std::string>& cells)>;
  /// Writes the table with `count` rows that `row` makes on demand instead of the rows added,
  /// for a list too long to hold as strings: the rows are asked for in order, from the first
  /// to the last, twice (once to measure the columns, once to print), so their maker may keep
  /// them in any compact form, or read them back from a file.
  void print_rows(std::ostream& out, size_t count, const RowSource& row,
                  std::optional<int> max_width = std::nullopt) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Display width of UTF-8 text: code points, not bytes.
size_t display_width(const std::string& text);

/// The first `width` display columns of `text`, ending in "…" when something was cut.
std::string cut_text(const std::string& text, size_t width);

/// Formats a header the way the real CLI does: '_' and '.' between letters become spaces,
/// then upper case.
std::string format_header(const std::string& header);

/// Writes `value` as JSON indented by 4 spaces plus a newline; invalid UTF-8 is replaced.
void write_json(std::ostream& out, const nlohmann::json& value);

/// Writes `value` as a YAML document; strings that would read back as another type are quoted.
void write_yaml(std::ostream& out, const nlohmann::json& value);

/// Writes one id per line (the -q form).
void write_ids(std::ostream& out, const std::vector<std::string>& ids);

}  // namespace dcos
