#include "tests/fuzz/mutator.hpp"

#include "tests/fuzz/json_mutations.hpp"
#include "tests/fuzz/record_mutations.hpp"
#include "tests/fuzz/text_mutations.hpp"
#include "tests/fuzz/yaml_mutations.hpp"

namespace portsim::fuzz {

namespace {

constexpr std::size_t max_mutant_bytes = 8u << 20;

std::string structured(Format format, std::string& text, const std::string& self_name, FuzzRng& rng) {
  switch (format) {
    case Format::Yaml: {
      TextLines t = split_lines(text);
      const std::string what = rng.pick(yaml_ops())(t, YamlContext{self_name}, rng);
      if (!what.empty()) text = join_lines(t);
      return what;
    }
    case Format::Csv:
    case Format::Trace: {
      TextLines t = split_lines(text);
      const RecordFormat rf = format == Format::Csv ? RecordFormat::Csv : RecordFormat::Trace;
      const std::string what = rng.pick(record_ops(rf))(t, rf, rng);
      if (!what.empty()) text = join_lines(t);
      return what;
    }
    case Format::Json:
      return rng.pick(json_ops())(text, rng);
  }
  return "";
}

}  // namespace

Mutant mutate(Format format, const std::string& seed_text, const std::string& self_name, FuzzRng& rng) {
  Mutant m{seed_text, ""};
  const std::size_t roll = rng.below(100);
  const std::size_t count = roll < 60 ? 1 : roll < 85 ? 2 : roll < 95 ? 3 : 4;
  for (std::size_t k = 0; k < count; ++k) {
    std::string what;
    for (int attempt = 0; attempt < 8 && what.empty(); ++attempt) {
      const std::string before = m.text;
      what = rng.percent(75) ? structured(format, m.text, self_name, rng) : rng.pick(generic_ops())(m.text, rng);
      if (m.text.size() > max_mutant_bytes) {  // size limits are probed, not the disk
        m.text = before;
        what.clear();
      }
    }
    if (what.empty()) what = insert_bytes(m.text, rng);  // always applies
    m.what += (m.what.empty() ? "" : "; ") + what;
  }
  return m;
}

}  // namespace portsim::fuzz
