#include "local/events.hpp"

#include <algorithm>
#include <chrono>

namespace dcos_local {

void EventBus::publish(const std::string& type, json data) {
  data["eventType"] = type;
  if (!data.contains("timestamp")) data["timestamp"] = iso_time(now_ms());
  std::string frame = "event: " + type + "\r\ndata: " + dump(data) + "\r\n\r\n";
  std::lock_guard lock(mu_);
  for (auto& sub : subs_)
    if (sub->types.empty() || sub->types.count(type)) sub->frames.push_back(frame);
  cv_.notify_all();
}

std::shared_ptr<EventBus::Subscriber> EventBus::subscribe(std::set<std::string> types) {
  auto sub = std::make_shared<Subscriber>();
  sub->types = std::move(types);
  std::lock_guard lock(mu_);
  sub->closed = closed_;  // a stream that starts during shutdown ends at once
  subs_.push_back(sub);
  return sub;
}

void EventBus::unsubscribe(const std::shared_ptr<Subscriber>& sub) {
  std::lock_guard lock(mu_);
  subs_.erase(std::remove(subs_.begin(), subs_.end(), sub), subs_.end());
}

std::vector<std::string> EventBus::take(const std::shared_ptr<Subscriber>& sub, int wait_ms) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(wait_ms),
               [&] { return !sub->frames.empty() || sub->closed; });
  std::vector<std::string> out(sub->frames.begin(), sub->frames.end());
  sub->frames.clear();
  return out;
}

void EventBus::close_all() {
  std::lock_guard lock(mu_);
  closed_ = true;
  for (auto& sub : subs_) sub->closed = true;
  cv_.notify_all();
}

}  // namespace dcos_local
