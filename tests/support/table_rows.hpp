// The cells of a table that `dcos` printed, split on whitespace, for tests that read tables.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace dcos::testing {

/// The rows of a table (its header left out), each as its whitespace-separated words.
inline std::vector<std::vector<std::string>> table_rows(const std::string& table) {
  std::vector<std::vector<std::string>> result;
  std::istringstream lines(table);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::istringstream cells(line);
    std::vector<std::string> words;
    for (std::string word; cells >> word;) words.push_back(word);
    if (!words.empty()) result.push_back(words);
  }
  return result;
}

/// The words of a table's header line.
inline std::vector<std::string> table_header(const std::string& table) {
  std::istringstream cells(table.substr(0, table.find('\n')));
  std::vector<std::string> words;
  for (std::string word; cells >> word;) words.push_back(word);
  return words;
}

}  // namespace dcos::testing
