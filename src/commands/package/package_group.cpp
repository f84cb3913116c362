// `dcos package`: DC/OS packages through Cosmos. Each verb lives in its own file of this folder;
// this one registers them.
#include "commands/package/package_verbs.hpp"

namespace dcos {

void register_package_commands(CommandTable& table) {
  register_package_search(table);
  register_package_describe(table);
  register_package_install(table);
  register_package_uninstall(table);
  register_package_list(table);
  register_package_repo(table);
}

}  // namespace dcos
