// The deep merge of an `extends` file into its base: maps merge key by key, lists of maps with an
// `id` merge item by item (an item whose id the base has merges into that item, any other is
// added), anything else replaces the base's value; the key `extends` itself is skipped. No silent
// guesses: an added item whose id is one or two letters off an id of the base is refused with a
// "did you mean", unless it says `new: true` (the key is removed from the merged document).
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/io/input_error.hpp"

namespace portsim::io {

/// Merges `overlay` (read from `source`) into `base`; the problems found are appended to `problems`
/// (the merge goes on, so that every one is reported).
void merge_yaml(YAML::Node base, const YAML::Node& overlay, const std::string& source,
                std::vector<InputProblem>& problems);

}  // namespace portsim::io
