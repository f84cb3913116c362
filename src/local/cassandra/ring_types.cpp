#include "local/cassandra/ring_types.hpp"

namespace dcos_local::cassandra {

std::string to_string(RunState state) {
  switch (state) {
    case RunState::run:
      return "RUN";
    case RunState::stop:
      return "STOP";
    case RunState::restart:
      return "RESTART";
    case RunState::terminate:
      return "TERMINATE";
  }
  return "RUN";
}

std::optional<RunState> parse_run_state(const std::string& text) {
  for (RunState s : {RunState::run, RunState::stop, RunState::restart, RunState::terminate})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string to_string(JobType type) {
  switch (type) {
    case JobType::repair:
      return "REPAIR";
    case JobType::cleanup:
      return "CLEANUP";
    case JobType::restart:
      return "RESTART";
  }
  return "REPAIR";
}

const NodeTask* Node::task(const std::string& type) const {
  for (const NodeTask& t : tasks)
    if (t.type == type) return &t;
  return nullptr;
}

}  // namespace dcos_local::cassandra
