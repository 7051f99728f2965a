// The input kinds of the fuzz harness and, for each, how a mutant becomes a case: the files of
// its folder (the mutant, plus the unchanged files it refers to) and the portsim commands that
// read it. A case is a pure function of (kind, generator key, seeds, identity): identity cases
// run the seeds themselves, which must all give exit 0 (the harness checks its own commands).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"
#include "tests/fuzz/seed_set.hpp"
#include "tests/fuzz/verdict.hpp"

namespace portsim::fuzz {

enum class Kind {
  Scenario,
  Batch,
  SetFlag,
  DurationFlag,
  DateFlag,
  HourlyLog,
  CbpAwtLog,
  SandagLog,
  CbpBwtLog,
  MonthlyLog,
  CascadeLog,
  VehicleLog,
  TruckLog,
  ModelFile,
  Trace,
  RunStore
};
inline constexpr std::size_t kind_count = 16;

const char* kind_name(Kind k);
std::optional<Kind> kind_from_name(std::string_view name);

struct Step {
  bool viz = false;               // portsim-viz instead of portsim
  std::vector<std::string> args;  // after the program
};

struct Case {
  Kind kind = Kind::Scenario;
  std::string seed_name;
  std::string what;                                                       // the mutation
  std::vector<std::pair<std::string, std::string>> files;                 // relative path, contents
  std::vector<Step> steps;                                                // run in order while each gives exit 0
  LocationStyle location = LocationStyle::LineColumn;
  std::string mutant = {};                                                // path of the mutated file ("" for flags)
};

/// The case of one mutant (or, with identity, of the seed itself).
Case make_case(Kind kind, const SeedSet& seeds, FuzzRng& rng, bool identity);

/// Relative weights of the kinds in a campaign; slow kinds (batch, calibrate) weigh less in CI.
std::vector<std::pair<Kind, unsigned>> kind_weights(bool ci, bool with_viz);

}  // namespace portsim::fuzz
