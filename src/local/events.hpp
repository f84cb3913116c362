// Marathon's event bus: /v2/events subscribers each get their own queue of SSE frames.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "local/util.hpp"

namespace dcos_local {

class EventBus {
 public:
  struct Subscriber {
    std::set<std::string> types;  // empty: every type
    std::deque<std::string> frames;
    bool closed = false;
  };

  // Adds eventType and timestamp to `data` and queues it for every interested subscriber.
  void publish(const std::string& type, json data);
  std::shared_ptr<Subscriber> subscribe(std::set<std::string> types);
  void unsubscribe(const std::shared_ptr<Subscriber>& sub);
  // Waits up to `wait_ms` for frames; returns them (empty on timeout).
  std::vector<std::string> take(const std::shared_ptr<Subscriber>& sub, int wait_ms);
  // Wakes every subscriber so that streams end (server shutdown).
  void close_all();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<Subscriber>> subs_;
  bool closed_ = false;  // after close_all()
};

}  // namespace dcos_local
