// CampaignRunner::write_examples: one small example per failure signature (campaign_runner.hpp).
// The mutated file is shrunk by deleting chunks of lines (halving the chunk when no deletion keeps
// the signature, as in Zeller's ddmin), each candidate run with the campaign's limits.
#include <cstdio>
#include <sstream>

#include "tests/fuzz/campaign_runner.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz {

namespace fs = std::filesystem;

namespace {

std::string two_digits(std::size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string& file_text(Case& c, const std::string& path) {
  for (auto& [p, t] : c.files) {
    if (p == path) return t;
  }
  throw std::runtime_error("no file " + path + " in the case");
}

}  // namespace

std::size_t CampaignRunner::write_examples(const CampaignReport& report, std::size_t budget) const {
  std::size_t n = 0, made = 0;
  for (const auto& s : report.signatures()) {
    ++n;
    if (!s.example) continue;
    const CaseResult& example = *s.example;
    const fs::path dir = settings_.out / "examples" / two_digits(n);
    fs::create_directories(dir.parent_path());
    const bool from_campaign = example.index < seed_check_index;
    Case c = from_campaign ? case_of(example.index) : Case{};
    const bool shrinkable = budget > 0 && from_campaign && !c.mutant.empty() && s.outcome != Outcome::Timeout &&
                            s.outcome != Outcome::HarnessError && example.seconds < 3.0;
    if (!shrinkable) {
      fs::copy(settings_.out / example.kept, dir, fs::copy_options::recursive);
      ++made;
      continue;
    }
    TextLines lines = split_lines(file_text(c, c.mutant));
    const std::size_t before = lines.lines.size();
    std::size_t runs = 0;
    for (std::size_t chunk = std::max<std::size_t>(1, lines.lines.size() / 2); chunk >= 1 && runs < budget; chunk /= 2) {
      for (std::size_t at = 0; at < lines.lines.size() && runs < budget;) {
        TextLines candidate = lines;
        const std::size_t end = std::min(at + chunk, candidate.lines.size());
        candidate.lines.erase(candidate.lines.begin() + static_cast<std::ptrdiff_t>(at),
                              candidate.lines.begin() + static_cast<std::ptrdiff_t>(end));
        file_text(c, c.mutant) = join_lines(candidate);
        fs::remove_all(dir);
        const CaseResult r = run_case(c, example.index, dir);
        ++runs;
        if (r.signature == s.signature) {
          lines = candidate;
        } else {
          at += chunk;
        }
      }
      if (chunk == 1) break;
    }
    file_text(c, c.mutant) = join_lines(lines);
    fs::remove_all(dir);
    CaseResult r = run_case(c, example.index, dir);  // the final files and outputs, as kept
    r.known = example.known;
    r.what = example.what + " [shrunk from " + std::to_string(before) + " to " + std::to_string(lines.lines.size()) +
             " lines in " + std::to_string(runs) + " runs" + (r.signature == s.signature ? "" : "; signature changed!") + "]";
    write_script(c, r, dir);
    ++made;
  }
  return made;
}

}  // namespace portsim::fuzz
