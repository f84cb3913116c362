// The operator's calls on a ring: target states, replace (§6.3), rack/DC, seeds (§6.4), scale.
#include <algorithm>

#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {

const Node* Ring::set_target(const std::string& ref, RunState target) {
  Node* node = find_mutable(ref);
  if (node && node->target != RunState::terminate) node->target = target;
  return node;
}

int Ring::replace(const std::string& ref) {
  const Node* node = find(ref);
  if (!node) return 404;
  bool queued = std::find(state_.replace_nodes.begin(), state_.replace_nodes.end(), node->ip) !=
                state_.replace_nodes.end();
  if (node->seed || live(*node) || node->target != RunState::terminate || !node->tasks.empty() ||
      queued)
    return 400;
  state_.replace_nodes.push_back(node->ip);
  return 200;
}

const Node* Ring::set_rack_dc(const std::string& ref, const std::optional<std::string>& rack,
                              const std::optional<std::string>& dc) {
  Node* node = find_mutable(ref);
  if (!node) return nullptr;
  if (rack) node->rack = *rack;
  if (dc) node->dc = *dc;
  return node;
}

SeedChange Ring::set_seed(const std::string& ref, bool seed) {
  SeedChange change;
  Node* node = find_mutable(ref);
  if (!node) {
    change.status = 404;
    return change;
  }
  change.old_seed = change.seed = node->seed;
  if (node->seed == seed) return change;  // nothing to do: 200 with success false
  std::vector<const Node*> live_seeds;
  for (const Node* n : live_nodes())
    if (n->seed) live_seeds.push_back(n);
  if (current_seeds() < config().target_seeds) {
    change.status = 400;
    change.error =
        "Must not change seed status while initial number of seed nodes has not been acquired";
  } else if (live_seeds.size() == 1 && live_seeds.front()->hostname == node->hostname) {
    change.status = 400;
    change.error = "Must not remove the last live seed node";
  } else {
    node->seed = seed;
    for (Node& n : state_.nodes) n.needs_config_update = true;
    change.success = true;
    change.seed = seed;
  }
  return change;
}

bool Ring::scale(int n) {
  if (n < config().target_nodes) return false;
  state_.config.target_nodes = n;
  return true;
}

}  // namespace dcos_local::cassandra
