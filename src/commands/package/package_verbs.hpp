// The verbs of `dcos package`, one register function per file of src/commands/package, and what
// they share (package_common.cpp): the Cosmos client of the current cluster, reading and checking
// an --options file against the package's schema before anything is sent, the 2-space JSON of
// `describe`, and the rule that a question needs a terminal or --yes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/command_table.hpp"
#include "client/cosmos.hpp"

namespace dcos {

void register_package_search(CommandTable& table);
void register_package_describe(CommandTable& table);
void register_package_install(CommandTable& table);
void register_package_uninstall(CommandTable& table);
void register_package_list(CommandTable& table);
void register_package_repo(CommandTable& table);

/// A Cosmos client for the current cluster.
Result<CosmosClient> cosmos_client(Context& context);

/// The options in the JSON file `path` (nullopt when `path` is ""). A missing file, a file that
/// is not JSON (with the line and column of the problem) or not a JSON object is a usage Error.
Result<std::optional<nlohmann::json>> read_options_file(const std::string& path);

/// Checks the options the way Cosmos will: the package's defaults merged under `options`, then
/// validated against its config schema. Each problem is one line `<path>: expected …, got …`
/// under a first line naming `file`; a usage Error (exit 2) when there is any.
Status check_options(const CosmosPackage& package, const nlohmann::json& options,
                     const std::string& file);

/// Writes `value` as JSON indented by 2 spaces (what `package describe` prints) and a newline.
void write_json2(std::ostream& out, const nlohmann::json& value);

/// Whether the command may go on without --yes: a usage Error naming --yes when there is no
/// terminal to ask on (so a script never hangs on a question it cannot answer).
Status need_terminal_or_yes(const Context& context, const std::string& action);

/// `text` cut to at most `bytes` bytes, never inside a UTF-8 character.
std::string cut_bytes(const std::string& text, size_t bytes);

}  // namespace dcos
