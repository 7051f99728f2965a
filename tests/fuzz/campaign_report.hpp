// The results of a fuzz campaign: one row per mutant, the table of counts per input kind and
// outcome, the distinct failure signatures with their counts and smallest kept example, and the
// files a reader (or the CI log) gets: summary.md, signatures.md and results.tsv.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/fuzz/input_kinds.hpp"
#include "tests/fuzz/verdict.hpp"

namespace portsim::fuzz {

struct CaseResult {
  std::size_t index = 0;
  Kind kind = Kind::Scenario;
  std::string seed_name, what;
  Outcome outcome = Outcome::Exit0;
  std::string signature;
  std::string message;        // the deciding command's first error line, normalised
  bool known = false;         // a FAIL on the allow-list
  std::size_t step = 0;       // the command that decided
  double seconds = 0;
  std::size_t input_bytes = 0;
  std::string kept;           // folder of the kept example, relative to the output folder
};

struct SignatureSummary {
  std::string signature;
  Outcome outcome = Outcome::Exit0;
  std::size_t count = 0;
  bool known = false;
  std::vector<Kind> kinds;
  const CaseResult* example = nullptr;  // the smallest kept case
};

class CampaignReport {
 public:
  explicit CampaignReport(std::vector<CaseResult> results);

  const std::vector<CaseResult>& results() const { return results_; }
  std::vector<SignatureSummary> signatures() const;
  std::size_t open_failures() const;   // FAILs not on the allow-list (harness errors included)
  std::size_t known_failures() const;

  std::string summary_table() const;     // markdown: kinds x outcomes
  std::string signatures_table() const;  // markdown
  void write(const std::filesystem::path& out, const std::string& heading) const;

 private:
  std::vector<CaseResult> results_;
};

}  // namespace portsim::fuzz
