// What the verbs of `dcos cassandra` share: the --name flag and the choice of ring it makes
// (contract: the Marathon apps labelled DCOS_PACKAGE_NAME=cassandra), the client of the chosen
// ring's API, the --wait flag and its limit, durations and ages as the tables show them, and
// the progress line drawn on a terminal while a verb waits.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "cli/command_table.hpp"
#include "client/cassandra.hpp"

namespace dcos {

/// Adds `--name <ring>`: the ring's framework name (cassandra.dev), its ring name (dev) or its
/// Marathon app id (/cassandra/dev).
void add_ring_flag(Flags& flags, std::string& name);

/// The client of the ring `name` names, or of the only ring installed when `name` is empty.
/// No ring installed is not_found (exit 3), several are ambiguous (exit 6); both say what to do.
Result<CassandraClient> open_ring(Context& context, const std::string& name);

/// The framework name a --name value gives without asking Marathon, or "" for an app id.
std::string framework_for_name(const std::string& name);

/// Adds `--wait[=<duration>]` (default 10m when given without a value) with `text` as help.
void add_ring_wait_flag(Flags& flags, std::string& value, const std::string& text);

/// The --wait limit: nullopt when the flag is absent; a bad duration is a usage Error.
Result<std::optional<std::chrono::milliseconds>> ring_wait_limit(const std::string& value);

/// A duration as waits report it: "45s", "2m05s", "1h02m".
std::string duration_text(std::chrono::milliseconds elapsed);

/// How long ago `epoch_ms` was at `now`: "12s", "3m", "2h", "4d"; "-" when unknown.
std::string age_text(std::optional<long long> epoch_ms, std::chrono::system_clock::time_point now);

/// The current time in epoch milliseconds.
long long epoch_ms(std::chrono::system_clock::time_point now);

/// One progress line on stderr, redrawn in place, only when stderr is a terminal; cleared when
/// the wait ends.
class WaitProgress {
 public:
  explicit WaitProgress(Context& context) : context_(context) {}
  ~WaitProgress() { clear(); }
  WaitProgress(const WaitProgress&) = delete;
  WaitProgress& operator=(const WaitProgress&) = delete;

  void show(const std::string& line);
  void clear();

 private:
  Context& context_;
  bool drawn_ = false;
};

/// Whether the user pressed Ctrl-C.
bool interrupted(const Context& context);

}  // namespace dcos
