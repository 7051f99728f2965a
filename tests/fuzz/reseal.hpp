// Checksums recomputed after a mutation, so that a mutant gets past a file's integrity check and
// reaches the checks behind it: a trace's last line "checksum <FNV-1a of everything before it>"
// (sim/io/trace.cpp) and a run file's "checksum" (FNV-1a of the JSON without it, as nlohmann
// dumps it; sim/experiment/run_store.cpp). If the project changes how it seals a file, resealing
// the seed no longer gives the seed back: load_seeds then turns resealing off for that format.
#pragma once

#include <string>

namespace portsim::fuzz {

/// The trace with its checksum line made to match; unchanged if it has none.
std::string reseal_trace(const std::string& text);

/// The run file with its checksum made to match; unchanged if it is not a JSON object with one.
std::string reseal_run_file(const std::string& text);

}  // namespace portsim::fuzz
