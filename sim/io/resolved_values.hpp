// The fully resolved document, one value a line, each with where it came from: the file and line
// of the extends chain that gave it, a --set flag, or the schema's default (`portsim show`).
#pragma once

#include <string>
#include <vector>

#include "sim/io/schema_spec.hpp"
#include "sim/io/yaml_document.hpp"

namespace portsim::io {

struct ResolvedValue {
  std::string path;    // as --set writes it: gates[0].lanes[1].count
  std::string value;   // as a file writes it: 4, lognormal(90s, 30s)
  std::string origin;  // "file:line", "--set" or "default"
};

/// Every value `doc` holds, keys in the order of `specs` (a schema table's, keys it does not know
/// after them in the file's order), and the default of every key it does not give.
std::vector<ResolvedValue> resolve_values(const YamlDocument& doc, const std::vector<FieldSpec>& specs);

/// One line a value: "path: value", then "# origin" in a column.
std::string resolved_text(const std::vector<ResolvedValue>& values);

}  // namespace portsim::io
