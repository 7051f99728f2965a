// The seeded mutator: one to four mutations of a seed input, mostly structure-aware for its
// format (YAML, CSV, trace, run-file JSON), sometimes generic (lines and bytes). The same
// (format, seed text, name, generator key) always gives the same mutant and description.
#pragma once

#include <string>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

enum class Format { Yaml, Csv, Trace, Json };

struct Mutant {
  std::string text;
  std::string what;  // the mutations applied, "; "-separated
};

/// `self_name` is the file's name where the mutant will be written (for `extends` cycles).
Mutant mutate(Format format, const std::string& seed_text, const std::string& self_name, FuzzRng& rng);

}  // namespace portsim::fuzz
