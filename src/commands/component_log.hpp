// Printing a node's journal (a DC/OS component log) in one of the log formats, shared by
// `dcos node log` and `dcos service log marathon`: the last entries, or with a follow every
// entry as it arrives until Ctrl-C, reconnecting (without losing or repeating an entry) when
// the stream breaks. It lives beside the groups because two groups use it.
#pragma once

#include "cli/context.hpp"
#include "client/dcos_logs.hpp"
#include "commands/log_format.hpp"

namespace dcos {

/// Prints the entries `query` selects in `format`, coloured when context.color() allows.
/// Without `follow`: the last query.lines entries (all for 0); no entry is a not_found Error
/// ("no logs found for …"), a cluster without the log API a not_found Error (ErrorDetail
/// log_api_missing). With `follow`: ends only on Ctrl-C (a cancelled Error, exit 130) or when
/// reconnecting keeps failing; says on stderr that it waits when stderr is a terminal.
Status print_component_log(const ComponentLogQuery& query, LogFormat format, bool follow,
                           Context& context);

}  // namespace dcos
