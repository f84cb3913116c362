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

/// The first `width` display columns of `text`, ending in "…" when something was cut.
std::string cut(const std::string& text, size_t width) {
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
  return text.substr(0, bytes) + kEllipsis;
}

std::string pad(const std::string& text, size_t width, bool right) {
  size_t gap = width > display_width(text) ? width - display_width(text) : 0;
  return right ? std::string(gap, ' ') + text : text + std::string(gap, ' ');
}

std::string centre(const std::string& text, size_t width) {
  size_t gap = width > display_width(text) ? width - display_width(text) : 0;
  return std::string(gap / 2, ' ') + text + std::string(gap - gap / 2, ' ');
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
      out << YAML::BeginMap;
      for (const auto& [key, member] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit_yaml(out, member);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
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

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), aligns_(headers_.size(), Align::automatic) {}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::set_align(size_t column, Align align) {
  if (column < aligns_.size()) aligns_[column] = align;
}

void Table::print(std::ostream& out, std::optional<int> max_width) const {
  print_rows(
      out, rows_.size(),
      [this](size_t index, std::vector<std::string>& cells) { cells = rows_[index]; }, max_width);
}

void Table::print_rows(std::ostream& out, size_t count, const RowSource& row,
                       std::optional<int> max_width) const {
  const size_t columns = headers_.size();
  std::vector<std::string> titles;
  for (const auto& header : headers_) titles.push_back(format_header(header));

  // Each cell may hold several lines; a row is as tall as its tallest cell.
  std::vector<size_t> widths(columns);
  for (size_t c = 0; c < columns; ++c) widths[c] = display_width(titles[c]);
  std::vector<std::string> cells;
  auto fill = [&](size_t index) {
    cells.clear();
    row(index, cells);
    cells.resize(columns);
  };
  for (size_t r = 0; r < count; ++r) {
    fill(r);
    for (size_t c = 0; c < columns; ++c)
      for (const auto& line : split(cells[c], '\n'))
        widths[c] = std::max(widths[c], display_width(line));
  }

  if (max_width && columns > 0) {
    // Every line costs 2 leading + 2 per column gap + 2 trailing columns of blanks.
    const size_t fixed = 2 + 2 * columns;
    const size_t budget = *max_width > static_cast<int>(fixed) ? *max_width - fixed : columns;
    auto total = [&] {
      size_t sum = 0;
      for (size_t w : widths) sum += w;
      return sum;
    };
    while (total() > budget) {
      auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= 4) break;  // narrower than this helps nobody
      --*widest;
    }
  }

  out << "  ";
  for (size_t c = 0; c < columns; ++c) out << centre(cut(titles[c], widths[c]), widths[c]) << "  ";
  out << "\n";
  std::vector<std::vector<std::string>> lines(columns);
  for (size_t r = 0; r < count; ++r) {
    fill(r);
    size_t height = 1;
    for (size_t c = 0; c < columns; ++c) {
      lines[c] = split(cells[c], '\n');
      height = std::max(height, lines[c].size());
    }
    for (size_t h = 0; h < height; ++h) {
      out << "  ";
      for (size_t c = 0; c < columns; ++c) {
        std::string text = h < lines[c].size() ? cut(lines[c][h], widths[c]) : "";
        bool right = aligns_[c] == Align::right ||
                     (aligns_[c] == Align::automatic && is_number_cell(cells[c]));
        out << pad(text, widths[c], right) << "  ";
      }
      out << "\n";
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
