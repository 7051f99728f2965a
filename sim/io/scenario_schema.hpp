// The scenario file's schema: every key declared once, with its type, range, unit, default (the
// model's own, from sim/port/config.hpp) and a one-line doc, bound to the ScenarioConfig member it
// fills. The loader reads by it, `portsim validate` checks by it, and the reference in
// scenarios/README.md is printed from it (schema_markdown.hpp).
#pragma once

#include "sim/io/schema_table.hpp"

namespace portsim::io {

/// The top-level table of a scenario file (built once).
const Table<port::ScenarioConfig>& scenario_schema();

}  // namespace portsim::io
