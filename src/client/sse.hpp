// A parser for Server-Sent Events (the text/event-stream format of the DC/OS log API): it
// takes the body piece by piece, however the pieces cut lines, and hands over each complete
// event. Only `id` and `data` matter here; comments and other fields are skipped.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace dcos {

struct SseEvent {
  std::string id;    ///< the event's `id:` (empty when it has none)
  std::string data;  ///< its `data:` lines joined with "\n"
};

class SseParser {
 public:
  /// `on_event` is called for each complete event; returning false stops the parse (feed()
  /// then returns false too).
  explicit SseParser(std::function<bool(const SseEvent&)> on_event)
      : on_event_(std::move(on_event)) {}

  /// Parses the next piece of the stream.
  bool feed(std::string_view piece);

 private:
  bool line(std::string_view text);

  std::function<bool(const SseEvent&)> on_event_;
  std::string partial_;  ///< an incomplete line carried to the next piece
  SseEvent event_;
  bool has_data_ = false;
};

}  // namespace dcos
