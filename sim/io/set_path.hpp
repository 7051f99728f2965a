// The key path of a `--set key.path=value` override ("gates[0].lanes[1].count"), split into its
// steps and checked strictly: keys are non-empty, indices are whole numbers written in digits,
// nothing follows a closing bracket but another index or a dot, and there are at most
// YamlLimits::depth steps (each is a level of the document).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace portsim::io {

struct SetStep {
  std::string key;                   // a map key; empty for an index step
  std::optional<std::size_t> index;  // a list index
  std::string text;                  // the path up to and including this step ("gates[0]"), for messages
};

/// The steps of `path`; throws InputError naming --set, the path and what is wrong with it.
std::vector<SetStep> parse_set_path(const std::string& path);

}  // namespace portsim::io
