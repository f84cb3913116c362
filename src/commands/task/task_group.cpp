// `dcos task`: the tasks Mesos knows, whatever started them (Marathon's own view of its tasks
// is `dcos marathon task`). Each verb lives in its own file of this folder; this one
// registers them.
#include "commands/task/task_verbs.hpp"

namespace dcos {

void register_task_commands(CommandTable& table) {
  register_task_list(table);
  register_task_log(table);
  register_task_ls(table);
  register_task_download(table);
  register_task_metrics(table);
  register_task_exec(table);
}

}  // namespace dcos
