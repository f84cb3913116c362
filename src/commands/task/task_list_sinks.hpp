// The three forms of `dcos task list`, each fed the tasks while the master's state is still
// being read, so that a cluster's hundred thousand tasks are never held as records: -q and
// --json print each task as it comes, the table keeps the cells it prints as compact records in
// a spill buffer (in memory up to 1 MB, then in a temporary file) until the agents it names have
// been read, then reads them back twice (to measure the columns, to print). A sink is told which
// tasks to print now (`emit`) and which to keep back until the framework's record ends (`hold`,
// then `release`), so that each framework's running tasks come before its completed ones whatever
// order the master uses.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "client/mesos.hpp"

namespace dcos {

class TaskSink {
 public:
  virtual ~TaskSink() = default;
  virtual Status emit(const MesosTask& task) = 0;
  virtual Status hold(const MesosTask& task) = 0;
  /// The framework whose tasks came since the last call has ended: the held tasks follow.
  virtual Status release(const MesosFramework& framework) = 0;
  virtual void agent(MesosAgent&&) {}
  /// Everything has been read: whatever is left to print.
  virtual Status finish() = 0;
};

/// -q: one id per line.
std::unique_ptr<TaskSink> task_id_sink(std::ostream& out);
/// --json: the tasks' records as one array, as write_json lays it out.
std::unique_ptr<TaskSink> task_json_sink(std::ostream& out);
/// The table: name, agent host, framework user, state, id, agent id, region and zone.
std::unique_ptr<TaskSink> task_table_sink(std::ostream& out, std::optional<int> width);

}  // namespace dcos
