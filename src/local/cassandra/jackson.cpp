#include "local/cassandra/jackson.hpp"

namespace dcos_local::cassandra {
namespace {

// A scalar as Jackson writes it; floating-point numbers keep a decimal point (2.0).
std::string scalar(const ojson& value) {
  return value.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// Only objects raise the nesting level: Jackson's array indenter is inline.
void write(const ojson& value, int nesting, std::string& out) {
  if (value.is_object()) {
    if (value.empty()) {
      out += "{ }";
      return;
    }
    out += '{';
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!first) out += ',';
      first = false;
      out += '\n';
      out.append(static_cast<size_t>(2 * (nesting + 1)), ' ');
      out += scalar(ojson(it.key()));
      out += " : ";
      write(it.value(), nesting + 1, out);
    }
    out += '\n';
    out.append(static_cast<size_t>(2 * nesting), ' ');
    out += '}';
  } else if (value.is_array()) {
    if (value.empty()) {
      out += "[ ]";
      return;
    }
    out += "[ ";
    bool first = true;
    for (const ojson& element : value) {
      if (!first) out += ", ";
      first = false;
      write(element, nesting, out);
    }
    out += " ]";
  } else {
    out += scalar(value);
  }
}

}  // namespace

std::string pretty(const ojson& value) {
  std::string out;
  write(value, 0, out);
  return out;
}

std::string compact(const ojson& value) { return scalar(value); }

}  // namespace dcos_local::cassandra
