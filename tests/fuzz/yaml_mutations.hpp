// Structure-aware mutations of YAML inputs (scenarios, batches, model files): the text is kept
// line by line and every `key: value` slot is found, in block maps and in flow maps such as
// `{id: in, kind: general, count: 16}`, so a mutation can replace a value by a hostile one of the
// same shape (a duration by "-5min", a time by "24:30"), swap or misspell keys, duplicate a key,
// add anchors and aliases (also recursive ones and "billion laughs"), nest deeply, add non-scalar
// keys, point `extends` at odd files, grow sequences, or change the document's shape.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz {

/// One `key: value` in a YAML text: byte ranges within its line; value_begin == value_end for a
/// key whose value is a nested block.
struct YamlSlot {
  std::size_t line = 0;
  std::size_t key_begin = 0, key_end = 0;
  std::size_t value_begin = 0, value_end = 0;
  std::size_t indent = 0;
  bool in_flow = false;
};

std::vector<YamlSlot> find_slots(const TextLines& t);

/// What a YAML mutation may need to know about the file: its own name (for `extends` cycles).
struct YamlContext {
  std::string self_name;
};

using YamlOp = std::string (*)(TextLines& t, const YamlContext& context, FuzzRng& rng);

/// The structure-aware operations, each returning what it did or "" if it did not apply.
const std::vector<YamlOp>& yaml_ops();

}  // namespace portsim::fuzz
