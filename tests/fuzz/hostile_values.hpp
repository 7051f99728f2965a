// Catalogues of hostile values for the fuzz harness, by the shape of the value they replace:
// numbers (0, -1, 1e308, nan, inf, integers past 32 and 64 bits), durations, times of day, dates,
// distributions, paths and YAML structures (aliases, anchors, deep nesting, non-scalar keys).
// shape_of() tells which catalogue fits a value found in a seed, so a mutation keeps the input
// parseable one level deeper than random bytes would.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

enum class Shape { Number, Duration, Distribution, TimeOfDay, Date, DateTime, HourRange, Bool, Path, Sequence, Map, Text };

/// The shape of a scalar or flow value as written in a seed file ("90s" is a Duration,
/// "triangular(18s, 28s, 45s)" a Distribution, "00:00-08:00" a TimeOfDay, "1/1/2016" a Date).
Shape shape_of(std::string_view value);

namespace hostile {

const std::vector<std::string>& numbers();
/// numbers() without the moderate positive ones: with a unit they make a valid duration (65536h,
/// 1e10d) that is merely long to simulate, which no timeout can tell from a hang.
const std::vector<std::string>& extreme_numbers();
const std::vector<std::string>& durations();
const std::vector<std::string>& times_of_day();
const std::vector<std::string>& dates();
const std::vector<std::string>& date_ranges();
const std::vector<std::string>& hours();
const std::vector<std::string>& distributions();
const std::vector<std::string>& paths();
const std::vector<std::string>& texts();
/// YAML nodes that are not plain scalars: aliases (recursive, undefined), anchors, tags,
/// flow collections, block scalars, merge keys.
const std::vector<std::string>& yaml_nodes();

/// A value of the given shape, or (1 time in 4) of any shape.
std::string value_for(Shape shape, FuzzRng& rng);

/// "[[[...1...]]]" (or "{a: {a: ...}}") nested `depth` levels deep.
std::string deep_nesting(std::size_t depth, bool flow_map);

/// Top-level YAML keys defining anchors l0..l<levels-1>, each a list of `fanout` aliases of the
/// previous one ("billion laughs"); `*l<levels-1>` then expands to fanout^levels scalars.
std::string billion_laughs(std::size_t levels, std::size_t fanout);

}  // namespace hostile
}  // namespace portsim::fuzz
