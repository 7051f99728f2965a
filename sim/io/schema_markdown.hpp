// The scenario file reference as Markdown, printed from the schema table (scenario_schema.hpp):
// one table per top-level section with every key's path pattern (gates[].lanes[].count), type and
// range, default, unit and doc, then the rules across keys. `portsim schema` prints it and
// scenarios/README.md holds it between <!-- schema:begin --> and <!-- schema:end --> (tested).
#pragma once

#include <string>
#include <vector>

#include "sim/io/schema_spec.hpp"

namespace portsim::io {

/// The reference of the keys `root` declares (the scenario's by default).
std::string schema_markdown();
std::string schema_markdown(const std::vector<FieldSpec>& root);

}  // namespace portsim::io
