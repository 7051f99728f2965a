// Hostile command-line values: `--set key.path=value` overrides built from the key paths of a
// seed scenario (a value of the wrong shape, an alias, deep nesting; a path with junk indices
// such as gates[0x5] or lanes[0junk], unknown keys, empty segments; a flag without "="), and
// durations (--duration, --warmup, --trace-interval) and date ranges (--train, --test).
#pragma once

#include <string>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

struct KeyPath {
  std::string path;   // "gates[0].lanes[0].count"
  std::string value;  // "16", or "" for a map or sequence
};

/// Every key path of a YAML document, scalars and collections, in document order.
std::vector<KeyPath> key_paths(const std::string& yaml_text);

/// One `--set` argument (without the flag) and what it does.
struct SetArgument {
  std::string text;
  std::string what;
};

SetArgument hostile_set(const std::vector<KeyPath>& paths, FuzzRng& rng);

std::string hostile_duration(FuzzRng& rng);
std::string hostile_date_range(FuzzRng& rng);

}  // namespace portsim::fuzz
