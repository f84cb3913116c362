// `dcos service list --json` for a cluster of any size: each framework's record is printed as
// write_json prints MesosFramework::record() (members in name order, its running and completed
// tasks included), but its task records are held back in spill buffers while the framework is
// read, not as JSON values, and a torn-down framework's record waits in one until the end,
// because the master may list it first. Memory follows one record, not the cluster.
#pragma once

#include <functional>
#include <ostream>

#include "cli/streamed_output.hpp"
#include "client/mesos.hpp"

namespace dcos {

class FrameworkRecordsWriter {
 public:
  /// `shown` says whether a framework (with `completed`: a torn-down one) is printed.
  using Shown = std::function<bool(const MesosFramework& framework, bool completed)>;

  FrameworkRecordsWriter(std::ostream& out, Shown shown);

  /// The query that gives this writer what it needs, completed frameworks or not.
  static StateQuery query(bool completed_frameworks);
  /// The visitor to read the frameworks with.
  StateVisitor visitor();
  /// Ends the list; call when the read has succeeded.
  Status finish();

 private:
  Status task(const MesosTask& task, bool completed);
  Status framework(const MesosFramework& framework, bool completed);
  Status write_record(const MesosFramework& framework,
                      const std::function<Status(std::string_view)>& write);

  std::ostream& out_;
  Shown shown_;
  JsonArrayWriter list_;
  SpillBuffer running_;    ///< the tasks of the framework being read, rendered
  SpillBuffer completed_;  ///< its completed tasks, rendered
  SpillBuffer later_;      ///< the records of torn-down frameworks, printed last
};

}  // namespace dcos
