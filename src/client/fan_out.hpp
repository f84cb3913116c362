// The one way the client sends requests in parallel: N jobs, each a request (or a short
// sequence of them) against the options it names, run on worker threads that each own a
// transport (one connection; a transport is never shared between threads), with every result,
// value or Error, returned at its job's index. Marathon's deployments and queue are read
// beside its (much larger) app list this way, every configured cluster is asked for its
// version at once, and per-agent reads are meant to go through it too (with a thread limit,
// since a cluster may have hundreds of agents).
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// How a fan-out reaches the cluster. `new_transport` is called on the calling thread, once
/// per worker; `client` is called on the worker threads and must be safe there.
struct ClientFactory {
  std::function<std::unique_ptr<Transport>()> new_transport;
  std::function<HttpClient(ClientOptions, Transport&)> client;
};

/// One job: the options of the client it gets, and what it does with that client.
template <typename T>
struct FanOutJob {
  ClientOptions options;
  std::function<Result<T>(HttpClient)> run;
};

struct FanOutLimits {
  size_t max_threads = 0;  ///< 0: one thread per job, so that every job starts at once
};

/// Worker threads that call `work(index, transport)` once for each index in [0, count), each
/// thread with its own transport. Used by FanOut; a job that throws becomes its Error there.
class FanOutWorkers {
 public:
  FanOutWorkers(size_t count, const ClientFactory& factory, FanOutLimits limits,
                std::function<void(size_t, Transport&)> work);
  ~FanOutWorkers() { join(); }
  FanOutWorkers(const FanOutWorkers&) = delete;
  FanOutWorkers& operator=(const FanOutWorkers&) = delete;

  /// Waits for every job to end.
  void join();

 private:
  std::vector<std::unique_ptr<Transport>> transports_;
  std::vector<std::thread> threads_;
};

/// The Error a job that threw `what` ends with (exposed so that FanOut can build it).
Error fan_out_failure(const std::string& what);

/// Starts its jobs when constructed, so the caller can do other work meanwhile; wait() gives
/// their results in job order. The destructor waits too, so no thread outlives the jobs.
template <typename T>
class FanOut {
 public:
  FanOut(ClientFactory factory, std::vector<FanOutJob<T>> jobs, FanOutLimits limits = {})
      : factory_(std::move(factory)), jobs_(std::move(jobs)), results_(jobs_.size()) {
    workers_.emplace(jobs_.size(), factory_, limits,
                     [this](size_t index, Transport& transport) { run(index, transport); });
  }
  FanOut(const FanOut&) = delete;
  FanOut& operator=(const FanOut&) = delete;

  /// Waits for every job and returns their results, in the order of the jobs. Call once.
  std::vector<Result<T>> wait() {
    workers_->join();
    std::vector<Result<T>> results;
    results.reserve(results_.size());
    for (auto& result : results_) results.push_back(std::move(*result));
    results_.clear();
    return results;
  }

 private:
  void run(size_t index, Transport& transport) {
    try {
      const FanOutJob<T>& job = jobs_[index];
      results_[index].emplace(job.run(factory_.client(job.options, transport)));
    } catch (const std::exception& error) {
      results_[index].emplace(fan_out_failure(error.what()));
    }
  }

  ClientFactory factory_;
  std::vector<FanOutJob<T>> jobs_;
  std::vector<std::optional<Result<T>>> results_;  ///< each written by one worker only
  std::optional<FanOutWorkers> workers_;           ///< last: joined before the rest goes
};

/// Runs `jobs` in parallel and returns their results in job order.
template <typename T>
std::vector<Result<T>> fan_out(ClientFactory factory, std::vector<FanOutJob<T>> jobs,
                               FanOutLimits limits = {}) {
  return FanOut<T>(std::move(factory), std::move(jobs), limits).wait();
}

}  // namespace dcos
