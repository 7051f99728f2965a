// Runs a fuzz campaign: mutant i of kind k (chosen by weight from the generator key of
// (seed, i)) is written to its own folder and run, command by command, on `jobs` threads. A
// failing case keeps its folder with cmd.sh (the commands, limits and timeout, runnable from
// anywhere) and case.txt (kind, seed, mutation, verdict); at most `keep` per signature are kept,
// the lowest indices, so the kept set does not depend on thread timing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <utility>
#include <vector>

#include "tests/fuzz/campaign_report.hpp"
#include "tests/fuzz/input_kinds.hpp"
#include "tests/fuzz/process_runner.hpp"
#include "tests/fuzz/seed_set.hpp"
#include "tests/fuzz/verdict.hpp"

namespace portsim::fuzz {

struct CampaignSettings {
  std::filesystem::path out;
  std::size_t count = 300;
  std::uint64_t seed = 14;
  std::size_t jobs = 2;
  std::vector<std::pair<Kind, unsigned>> weights;
  Limits portsim_limits;
  Limits viz_limits;
  std::size_t keep_per_signature = 20;
};

class CampaignRunner {
 public:
  CampaignRunner(const SeedSet& seeds, const Programs& programs, const KnownOpen& known, CampaignSettings settings);

  /// The seeds themselves (identity cases, `per_kind` of each kind): every one must give exit 0.
  /// Returns those that do not, as SeedFails results numbered from seed_check_index.
  std::vector<CaseResult> check_seeds(std::size_t per_kind) const;
  static constexpr std::size_t seed_check_index = 1000000;

  std::vector<CaseResult> run() const;

  /// out/examples/NN (NN as in signatures.md): the smallest kept case of each signature, its
  /// mutated file shrunk line by line while the signature stays the same (at most `budget` runs;
  /// not for timeouts, slow cases or flags). Returns the number of examples made.
  std::size_t write_examples(const CampaignReport& report, std::size_t budget) const;

 private:
  Case case_of(std::size_t index) const;
  CaseResult run_case(const Case& c, std::size_t index, const std::filesystem::path& dir) const;
  std::vector<std::string> argv_of(const Step& s) const;
  void write_script(const Case& c, const CaseResult& r, const std::filesystem::path& dir) const;

  const SeedSet& seeds_;
  const Programs& programs_;
  const KnownOpen& known_;
  CampaignSettings settings_;
};

}  // namespace portsim::fuzz
