// `dcos cassandra repair|cleanup|rolling-restart start|status|abort`: the ring's cluster jobs.
// A job runs node by node; only one job of any kind runs in a ring at a time, so a start while
// another runs is refused (the scheduler answers {"started":false}) and this verb names the
// running job from /config. status shows the running job of its kind node by node, else the
// last finished one.
#include <nlohmann/json.hpp>

#include "cli/output.hpp"
#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"
#include "commands/cassandra/cassandra_views.hpp"

namespace dcos {
namespace {

struct JobOptions {
  std::string name;
  bool json = false;
};

/// The word a job's commands use: repair, cleanup, rolling-restart.
std::string command_word(CassandraJob job) { return std::string(job_path(job)); }

/// The job in prose: repair, cleanup, rolling restart.
std::string prose(CassandraJob job) { return job_word(std::string(job_type(job))); }

/// The command word of a running job's type (REPAIR -> repair).
std::string command_word_of(const std::string& type) {
  for (auto job : {CassandraJob::repair, CassandraJob::cleanup, CassandraJob::rolling_restart})
    if (job_type(job) == type) return command_word(job);
  return {};
}

Status run_start(CassandraJob job, const JobOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto started = ring->start_job(job);
  if (!started) return started.error();
  if (*started) return Status::success();
  auto config = ring->config();
  if (!config) return config.error();
  const std::string framework = ring->framework_name();
  if (!config->current_job)
    return Error::make(ErrorKind::conflict,
                       "the Cassandra service did not start the " + prose(job) + " of ring " +
                           framework + ": another job was running, and it has ended since",
                       "start it again");
  const std::string running = job_word(config->current_job->type);
  const std::string word = command_word_of(config->current_job->type);
  return Error::make(ErrorKind::conflict,
                     "cannot start a " + prose(job) + " of ring " + framework + ": a " + running +
                         " is running, and only one job runs in a ring at a time",
                     word.empty()
                         ? std::string()
                         : "follow it with 'dcos cassandra " + word +
                               " status', or abort it with 'dcos cassandra " + word + " abort'");
}

Status run_status(CassandraJob job, const JobOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto status = ring->job_status(job);
  if (!status) return status.error();
  if (status->job) {
    if (options.json) {
      write_json(context.out, status->raw);
    } else {
      context.out << job_report(*status->job, true, ring->framework_name(), context.now());
    }
    return Status::success();
  }
  auto last = ring->last_job(job);
  if (!last) return last.error();
  if (options.json) {
    write_json(context.out, last->raw);
  } else if (last->job) {
    context.out << "No " << prose(job) << " is running; the last one:\n"
                << job_report(*last->job, false, ring->framework_name(), context.now());
  } else {
    context.out << "No " << prose(job) << " has run in ring " << ring->framework_name()
                << " yet.\n";
  }
  return Status::success();
}

Status run_abort(CassandraJob job, const JobOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto aborted = ring->abort_job(job);
  if (!aborted) return aborted.error();
  if (!*aborted)
    return Error::make(ErrorKind::generic, "no " + prose(job) + " is running in ring " +
                                               ring->framework_name() +
                                               ", or it is already aborting");
  context.err << "Aborting the " << prose(job) << " of ring " << ring->framework_name()
              << ": the node at work finishes its part first.\n";
  return Status::success();
}

void register_job(CommandTable& table, CassandraJob job, const std::string& summary,
                  const std::string& description) {
  const std::string word = command_word(job);
  const std::string group = "cassandra " + word;
  table.group(group, {.summary = summary, .description = description});
  auto bind = [](Flags& flags, JobOptions& options) { add_ring_flag(flags, options.name); };
  table.verb<JobOptions>(
      group + " start",
      {.summary = "Start a " + prose(job) + " of the ring, node by node",
       .description = "Start a " + prose(job) +
                      " of every node of the ring, one node after another. Refused while\n"
                      "any job (repair, cleanup or rolling restart) runs in the ring.",
       .examples = "    dcos " + group + " start\n",
       .needs = Needs::cluster},
      bind, [job](const JobOptions& options, Context& context) {
        return run_start(job, options, context);
      });
  table.verb<JobOptions>(
      group + " status",
      {.summary = "Show the running " + prose(job) + " node by node, else the last one",
       .examples = "    dcos " + group + " status\n    dcos " + group + " status --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, JobOptions& options) {
        add_ring_flag(flags, options.name);
        flags.add_flag("--json", options.json,
                       "Print the scheduler's status answer (or, when none runs, its last) as "
                       "JSON");
      },
      [job](const JobOptions& options, Context& context) {
        return run_status(job, options, context);
      });
  table.verb<JobOptions>(
      group + " abort",
      {.summary = "Abort the running " + prose(job),
       .description = "Abort the running " + prose(job) +
                      ": no further node starts it; the node at work finishes its part.",
       .examples = "    dcos " + group + " abort\n",
       .needs = Needs::cluster},
      bind, [job](const JobOptions& options, Context& context) {
        return run_abort(job, options, context);
      });
}

}  // namespace

void register_cassandra_jobs(CommandTable& table) {
  register_job(table, CassandraJob::repair, "Repair the ring's data, node by node",
               "Run a repair on every node of the ring in turn (every keyspace but system,\n"
               "local data center, primary range), follow it and abort it.");
  register_job(table, CassandraJob::cleanup, "Clean up data nodes no longer own, node by node",
               "Run a cleanup on every node of the ring in turn (after adding nodes, it drops\n"
               "the data the other nodes now own), follow it and abort it.");
  register_job(table, CassandraJob::rolling_restart, "Restart the ring's servers one at a time",
               "Restart the Cassandra server of every node of the ring in turn, each once the\n"
               "previous one is back, follow it and abort it.");
}

}  // namespace dcos
