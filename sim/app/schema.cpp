// `portsim schema`: print the scenario file reference (every key with its type, range, default,
// unit and meaning) as Markdown, from the schema table the loader reads by; scenarios/README.md
// holds the same text (a test compares them).
#include <iostream>

#include "sim/app/cli_common.hpp"
#include "sim/io/schema_markdown.hpp"

namespace portsim::app {

namespace {

struct SchemaOptions {};

CLI::App* add(CLI::App& cli, SchemaOptions& /*options*/) {
  return cli.add_subcommand("schema", "print the scenario file reference (every key) as Markdown");
}

int execute(const SchemaOptions& /*options*/, const Context& /*context*/) {
  std::cout << io::schema_markdown();
  return 0;
}

}  // namespace

Command schema_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
