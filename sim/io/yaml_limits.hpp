// Limits on every YAML text PortSim reads (scenarios, extends files, --set values, batch and model
// files, the scenario in a trace), so that no input can exhaust time, memory or the stack: the
// size of a file, the values it holds once its aliases are expanded, its nesting depth and the
// items of one list or map; plus the checks yaml-cpp does not make (a recursive alias, a key that
// is not a plain value, a key given twice in one map, a second document). Each is reported at its place
// (file:line:col: error: key path: ...).
#pragma once

#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

namespace portsim::io {

struct YamlLimits {
  static constexpr std::size_t document_bytes = 1024 * 1024;  // 1 MiB: the largest shipped file is 34 KB
  static constexpr std::size_t values = 100000;  // keys, values and collections, an alias counting in full
  static constexpr std::size_t depth = 64;       // lists and maps nested in each other
  static constexpr std::size_t items = 10000;    // items of one list, keys of one map
  static constexpr std::size_t extends_files = 16;  // files in one extends chain
};

/// The text of a YAML file of at most YamlLimits::document_bytes; throws InputError naming the file
/// when it cannot be opened, is a folder, or is larger (also when it never ends, as /dev/zero).
std::string read_yaml_file(const std::string& file);

/// The first document of `text` (read from `name`) as a node tree, after checking it against the
/// limits; throws InputError (YAML syntax, a limit, a recursive alias, a key that is a list or map
/// or is given twice).
/// `path` is the key path of the text's root in messages ("" for a file).
YAML::Node parse_yaml(const std::string& text, const std::string& name, const std::string& path = "");

}  // namespace portsim::io
