// Scenario files -> ScenarioConfig by the schema table (scenario_schema.hpp): every key read,
// typed, range-checked; unknown keys reported with the nearest valid key; references (nodes,
// devices) and routes checked by the model. All problems are collected and thrown once as InputError.
#pragma once

#include <string>
#include <vector>

#include "sim/io/yaml_document.hpp"
#include "sim/port/config.hpp"

namespace portsim::io {

struct LoadedScenario {
  port::ScenarioConfig config;
  std::string canonical_text;  // merged YAML (what the run used)
  std::string hash;            // FNV-1a 64 of canonical_text, hex
  std::vector<std::string> files;
};

/// Loads a scenario file with its extends chain and `--set` overrides; throws InputError.
LoadedScenario load_scenario(const std::string& file, const std::vector<std::string>& overrides = {});
/// Builds a scenario from an assembled document (batch design points); throws InputError.
LoadedScenario load_scenario(const YamlDocument& doc);

/// FNV-1a 64-bit hash as 16 hex digits.
std::string hash_text(const std::string& text);

}  // namespace portsim::io
