// The output layer every command uses for data on stdout: tables laid out like the real CLI's
// (two leading spaces, two between columns, centred upper-case headers, numbers right-aligned,
// cells cut with "…" only when a terminal is too narrow), indented JSON that passes server
// fields through, YAML, and the one-id-per-line form of -q.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dcos {

enum class Align { automatic, left, right };

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  void add_row(std::vector<std::string> cells);
  void set_align(size_t column, Align align);
  size_t rows() const { return rows_.size(); }

  /// Writes the table. With `max_width` (stdout is a terminal of that many columns) the widest
  /// columns are narrowed and their cells cut with "…" until the lines fit.
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
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Display width of UTF-8 text: code points, not bytes.
size_t display_width(const std::string& text);

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
