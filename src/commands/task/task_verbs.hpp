// The verbs of `dcos task`, one register function per file of src/commands/task.
#pragma once

#include "cli/command_table.hpp"

namespace dcos {

void register_task_list(CommandTable& table);
void register_task_log(CommandTable& table);
void register_task_metrics(CommandTable& table);
void register_task_ls(CommandTable& table);
void register_task_download(CommandTable& table);
/// `task exec` and `task attach` (task_exec.cpp).
void register_task_exec(CommandTable& table);

}  // namespace dcos
