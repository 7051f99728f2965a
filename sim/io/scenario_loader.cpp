#include "sim/io/scenario_loader.hpp"

#include <cstdio>

#include "sim/io/scenario_schema.hpp"
#include "sim/port/model_check.hpp"

namespace portsim::io {

std::string hash_text(const std::string& text) {
  const std::uint64_t h = kernel::fnv1a(text);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {

/// Every key by the schema table, then what only the model can check (references, node kinds,
/// reachable routes), its problems placed at the keys they name.
port::ScenarioConfig read_scenario(const YamlDocument& doc) {
  port::ScenarioConfig c;
  c.source_file = doc.file();
  SchemaReader r(doc);
  r.record("", doc.root());
  scenario_schema().read(r, doc.root(), "", c);
  if (r.yaml().ok()) {
    for (const auto& [path, message] : port::check_model(c)) r.problem(r.node_for(path), path, message);
  }
  r.yaml().throw_if_problems();
  return c;
}

}  // namespace

LoadedScenario load_scenario(const YamlDocument& doc) {
  LoadedScenario s;
  s.config = read_scenario(doc);
  s.canonical_text = doc.dump();
  s.hash = hash_text(s.canonical_text);
  s.files = doc.files();
  return s;
}

LoadedScenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  YamlDocument doc = YamlDocument::load(file);
  for (const auto& o : overrides) doc.set(o);
  return load_scenario(doc);
}

}  // namespace portsim::io
