#include "cli/output.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr const char* kEllipsis = "…";

bool digit(char c) { return c >= '0' && c <= '9'; }

/// Matches -?(\d{1,3}(,\d{3})*|\d+)(\.\d+)? without a regex: this runs for every cell.
bool is_number_cell(std::string_view cell) {
  cell = trim(cell);
  size_t i = 0;
  if (i < cell.size() && cell[i] == '-') ++i;
  const size_t start = i;
  while (i < cell.size() && digit(cell[i])) ++i;
  if (i == start) return false;
  if (i < cell.size() && cell[i] == ',') {
    if (i - start > 3) return false;
    while (i < cell.size() && cell[i] == ',') {
      if (i + 3 >= cell.size()) return false;
      if (!digit(cell[i + 1]) || !digit(cell[i + 2]) || !digit(cell[i + 3])) return false;
      i += 4;
    }
    if (i < cell.size() && digit(cell[i])) return false;
  }
  if (i < cell.size() && cell[i] == '.') {
    const size_t fraction = ++i;
    while (i < cell.size() && digit(cell[i])) ++i;
    if (i == fraction) return false;
  }
  return i == cell.size();
}

bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string cut_text(const std::string& text, size_t width) {
  if (display_width(text) <= width) return text;
  if (width == 0) return {};
  size_t keep = width - 1;
  size_t bytes = 0;
  for (size_t seen = 0; bytes < text.size(); ++bytes) {
    if (!utf8_continuation(static_cast<unsigned char>(text[bytes]))) {
      if (seen == keep) break;
      ++seen;
    }
  }
  std::string kept = text.substr(0, bytes);
  kept.erase(kept.find_last_not_of(' ') + 1);  // "a long…", not "a long …"
  return kept + kEllipsis;
}

namespace {

std::string pad(const std::string& text, size_t width, bool right) {
  size_t gap = width > display_width(text) ? width - display_width(text) : 0;
  return right ? std::string(gap, ' ') + text : text + std::string(gap, ' ');
}

bool looks_typed(const std::string& text) {
  if (text.empty()) return true;
  static const std::regex typed(
      R"(^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$)");
  return std::regex_match(text, typed);
}

void emit_yaml(YAML::Emitter& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      if (value.empty()) out << YAML::Flow;  // `{}`, not a null
      out << YAML::BeginMap;
      for (const auto& [key, member] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit_yaml(out, member);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      if (value.empty()) out << YAML::Flow;  // `[]`, not a null
      out << YAML::BeginSeq;
      for (const auto& element : value) emit_yaml(out, element);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (looks_typed(text)) out << YAML::DoubleQuoted;
      out << text;
      break;
    }
    case nlohmann::json::value_t::boolean:
      out << (value.get<bool>() ? "true" : "false");
      break;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      out << YAML::Null;
      break;
    default:
      out << value.dump();  // numbers keep their JSON spelling
      break;
  }
}

}  // namespace

size_t display_width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return !utf8_continuation(static_cast<unsigned char>(c));
  }));
}

std::string format_header(const std::string& header) {
  std::string out;
  for (size_t i = 0; i < header.size(); ++i) {
    char c = header[i];
    bool between_non_digits = c == '.' && i > 0 && i + 1 < header.size() &&
                              !std::isdigit(static_cast<unsigned char>(header[i - 1])) &&
                              !std::isdigit(static_cast<unsigned char>(header[i + 1]));
    if (c == '_' || between_non_digits) c = ' ';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return std::string(trim(out));
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void Table::set_align(size_t column, Align align) {
  if (column < columns_.size()) columns_[column].align = align;
}

void Table::print(std::ostream& out, std::optional<int> max_width) const {
  print_rows(
      out, rows_.size(),
      [this](size_t index, std::vector<std::string>& cells) { cells = rows_[index]; }, max_width);
}

namespace {

/// Which columns are shown and how wide, so that lines fit `max_width` where the columns' kinds
/// allow: the text columns are cut first, widest first, down to their least width; when that is
/// not enough, optional columns are left out one by one (lowest drop order first) and the text
/// columns get back what that frees; last, the text columns are left out.
struct Fit {
  std::vector<size_t> widths;
  std::vector<bool> shown;

  size_t line_width() const {
    size_t sum = 2;  // the indent
    size_t count = 0;
    for (size_t c = 0; c < widths.size(); ++c) {
      if (!shown[c]) continue;
      sum += widths[c];
      ++count;
    }
    return sum + (count > 1 ? 2 * (count - 1) : 0);
  }
};

Fit fit_widths(const std::vector<Column>& columns, const std::vector<size_t>& natural,
               const std::vector<size_t>& least, size_t max_width) {
  auto shrink_text = [&](Fit& fit) {
    while (fit.line_width() > max_width) {
      size_t widest = columns.size();
      for (size_t c = 0; c < columns.size(); ++c)
        if (fit.shown[c] && columns[c].kind == ColumnKind::text && fit.widths[c] > least[c] &&
            (widest == columns.size() || fit.widths[c] > fit.widths[widest]))
          widest = c;
      if (widest == columns.size()) return;
      --fit.widths[widest];
    }
  };
  std::vector<size_t> order;  // optional columns, in the order they are left out
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].kind == ColumnKind::optional) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return columns[a].drop != columns[b].drop ? columns[a].drop < columns[b].drop : a > b;
  });
  Fit fit{natural, std::vector<bool>(columns.size(), true)};
  for (size_t next = 0;; ++next) {
    fit.widths = natural;
    shrink_text(fit);
    if (fit.line_width() <= max_width) return fit;
    if (next == order.size()) break;
    fit.shown[order[next]] = false;
  }
  // Still too wide: without the text columns, if that is enough; else the lines wrap anyway,
  // and the text may as well be there.
  Fit bare = fit;
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].kind == ColumnKind::text) bare.shown[c] = false;
  return bare.line_width() <= max_width ? bare : fit;
}

/// `line` without the blanks at its end.
void write_line(std::ostream& out, std::string& line) {
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << "\n";
}

}  // namespace

void Table::print_rows(std::ostream& out, size_t count, const RowSource& row,
                       std::optional<int> max_width) const {
  const size_t columns = columns_.size();
  std::vector<std::string> titles;
  for (const auto& column : columns_) titles.push_back(format_header(column.header));

  // Each cell may hold several lines; a row is as tall as its tallest cell. A column whose
  // every cell is a number (automatic alignment) is right-aligned, its header too.
  std::vector<size_t> widths(columns);
  std::vector<bool> numbers(columns, false);
  std::vector<bool> any(columns, false);
  for (size_t c = 0; c < columns; ++c) widths[c] = display_width(titles[c]);
  std::vector<std::string> cells;
  auto fill = [&](size_t index) {
    cells.clear();
    row(index, cells);
    cells.resize(columns);
  };
  for (size_t r = 0; r < count; ++r) {
    fill(r);
    for (size_t c = 0; c < columns; ++c) {
      for (const auto& line : split(cells[c], '\n'))
        widths[c] = std::max(widths[c], display_width(line));
      if (trim(cells[c]).empty()) continue;
      const bool number = is_number_cell(cells[c]);
      numbers[c] = any[c] ? numbers[c] && number : number;
      any[c] = true;
    }
  }

  std::vector<bool> shown(columns, true);
  if (max_width && *max_width > 0 && columns > 0) {
    std::vector<size_t> least(columns);
    for (size_t c = 0; c < columns; ++c)
      least[c] = std::min(widths[c], std::max(display_width(titles[c]), kMinTextWidth));
    Fit fit = fit_widths(columns_, widths, least, static_cast<size_t>(*max_width));
    widths = std::move(fit.widths);
    shown = std::move(fit.shown);
  }
  auto right_header = [&](size_t c) {
    return columns_[c].align == Align::right ||
           (columns_[c].align == Align::automatic && any[c] && numbers[c]);
  };

  std::string line = " ";
  for (size_t c = 0; c < columns; ++c)
    if (shown[c]) line += " " + pad(titles[c], widths[c], right_header(c)) + " ";
  write_line(out, line);
  std::vector<std::vector<std::string>> lines(columns);
  for (size_t r = 0; r < count; ++r) {
    fill(r);
    size_t height = 1;
    for (size_t c = 0; c < columns; ++c) {
      lines[c] = split(cells[c], '\n');
      height = std::max(height, lines[c].size());
    }
    for (size_t h = 0; h < height; ++h) {
      line = " ";
      for (size_t c = 0; c < columns; ++c) {
        if (!shown[c]) continue;
        std::string text = h < lines[c].size() ? cut_text(lines[c][h], widths[c]) : "";
        bool right = columns_[c].align == Align::right ||
                     (columns_[c].align == Align::automatic && is_number_cell(cells[c]));
        line += " " + pad(text, widths[c], right) + " ";
      }
      write_line(out, line);
    }
  }
}

void write_json(std::ostream& out, const nlohmann::json& value) {
  out << value.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_yaml(std::ostream& out, const nlohmann::json& value) {
  YAML::Emitter emitter;
  emitter.SetIndent(2);
  emit_yaml(emitter, value);
  out << emitter.c_str() << "\n";
}

void write_ids(std::ostream& out, const std::vector<std::string>& ids) {
  for (const auto& id : ids) out << id << "\n";
}

}  // namespace dcos
