// Waiting in integration tests for the emulator to get somewhere: poll, never time.
#pragma once

#include <chrono>
#include <thread>

namespace dcos::testing {

/// Calls `done` every 100 ms until it returns true (then true) or 30 seconds have passed
/// (then false). The limit is a guard against hanging, not an assertion about speed.
template <typename Check>
bool eventually(Check done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace dcos::testing
