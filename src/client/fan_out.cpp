#include "client/fan_out.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>

namespace dcos {

FanOutWorkers::FanOutWorkers(size_t count, const ClientFactory& factory, FanOutLimits limits,
                             std::function<void(size_t, Transport&)> work) {
  size_t threads = limits.max_threads == 0 ? count : std::min(count, limits.max_threads);
  if (threads == 0) return;
  // The transports are made here, on the calling thread: a factory need not be thread-safe.
  for (size_t i = 0; i < threads; ++i) transports_.push_back(factory.new_transport());
  // Jobs are handed out one at a time, so a slow job holds back no other (the next index is
  // shared by the workers and outlives them in the lambdas' shared state).
  auto next = std::make_shared<std::atomic<size_t>>(0);
  auto shared_work = std::make_shared<std::function<void(size_t, Transport&)>>(std::move(work));
  auto drain = [next, shared_work, count](Transport* transport) {
    for (size_t index = (*next)++; index < count; index = (*next)++)
      (*shared_work)(index, *transport);
  };
  for (size_t i = 0; i < threads; ++i) {
    try {
      threads_.emplace_back(drain, transports_[i].get());
    } catch (const std::system_error&) {
      // No thread to be had (a process limit): the workers already running take the
      // remaining jobs, since they share the next index; with none, this thread does.
      if (threads_.empty()) drain(transports_.front().get());
      return;
    }
  }
}

void FanOutWorkers::join() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
}

Error fan_out_failure(const std::string& what) {
  return Error::make(ErrorKind::generic, "internal error in a parallel request: " + what);
}

}  // namespace dcos
