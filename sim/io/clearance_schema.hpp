// The `clearance:` section of a scenario file (sim/port/clearance_config.hpp): vessel calls and
// the times of each milestone of import clearance. Declared once; the loader, `portsim validate`
// and the reference in scenarios/README.md all read it.
#pragma once

#include "sim/io/schema_table.hpp"

namespace portsim::io {

Table<port::ClearanceConfig> clearance_table();

}  // namespace portsim::io
