#include "client/sse.hpp"

namespace dcos {

bool SseParser::feed(std::string_view piece) {
  size_t start = 0;
  for (size_t end; (end = piece.find('\n', start)) != std::string_view::npos; start = end + 1) {
    std::string_view text = piece.substr(start, end - start);
    bool go;
    if (partial_.empty()) {
      go = line(text);
    } else {
      partial_.append(text);
      std::string whole = std::move(partial_);
      partial_.clear();
      go = line(whole);
    }
    if (!go) return false;
  }
  partial_.append(piece.substr(start));
  return true;
}

bool SseParser::line(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.empty()) {  // a blank line ends the event
    bool go = true;
    if (has_data_) go = on_event_(event_);
    event_.data.clear();
    has_data_ = false;
    return go;  // the id stays: it is the last one seen until another comes
  }
  if (text.front() == ':') return true;  // a comment (keep-alive)
  const size_t colon = text.find(':');
  std::string_view field = text.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "data") {
    if (has_data_) event_.data += '\n';
    event_.data.append(value);
    has_data_ = true;
  } else if (field == "id") {
    event_.id = std::string(value);
  }
  return true;
}

}  // namespace dcos
