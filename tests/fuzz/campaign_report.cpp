#include "tests/fuzz/campaign_report.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/fuzz/seed_set.hpp"

namespace portsim::fuzz {

CampaignReport::CampaignReport(std::vector<CaseResult> results) : results_(std::move(results)) {
  std::sort(results_.begin(), results_.end(), [](const CaseResult& a, const CaseResult& b) { return a.index < b.index; });
}

std::vector<SignatureSummary> CampaignReport::signatures() const {
  std::map<std::string, SignatureSummary> by;
  for (const auto& r : results_) {
    if (!is_failure(r.outcome)) continue;
    SignatureSummary& s = by[r.signature];
    s.signature = r.signature;
    s.outcome = r.outcome;
    s.known = r.known;
    ++s.count;
    if (std::find(s.kinds.begin(), s.kinds.end(), r.kind) == s.kinds.end()) s.kinds.push_back(r.kind);
    if (!r.kept.empty() && (!s.example || r.input_bytes < s.example->input_bytes)) s.example = &r;
  }
  std::vector<SignatureSummary> v;
  for (auto& [k, s] : by) v.push_back(s);
  std::stable_sort(v.begin(), v.end(), [](const SignatureSummary& a, const SignatureSummary& b) { return a.count > b.count; });
  return v;
}

std::size_t CampaignReport::open_failures() const {
  return static_cast<std::size_t>(
      std::count_if(results_.begin(), results_.end(), [](const CaseResult& r) { return is_failure(r.outcome) && !r.known; }));
}

std::size_t CampaignReport::known_failures() const {
  return static_cast<std::size_t>(
      std::count_if(results_.begin(), results_.end(), [](const CaseResult& r) { return is_failure(r.outcome) && r.known; }));
}

std::string CampaignReport::summary_table() const {
  std::map<Kind, std::array<std::size_t, outcome_count + 1>> rows;  // the last column: FAILs on the allow-list
  std::array<std::size_t, outcome_count + 1> total{};
  for (const auto& r : results_) {
    auto& row = rows[r.kind];
    ++row[static_cast<std::size_t>(r.outcome)];
    ++total[static_cast<std::size_t>(r.outcome)];
    if (is_failure(r.outcome) && r.known) {
      ++row[outcome_count];
      ++total[outcome_count];
    }
  }
  std::ostringstream o;
  o << "| kind | runs | OK: exit 0 | OK: exit 2 located | FAIL | of which known-open | signal | timeout | sanitizer "
       "| other exit | exit 2 unlocated | seed fails | harness error |\n";
  o << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  const auto line = [&](const std::string& name, const std::array<std::size_t, outcome_count + 1>& c) {
    std::size_t runs = 0, fails = 0;
    for (int i = 0; i < outcome_count; ++i) {
      runs += c[static_cast<std::size_t>(i)];
      if (is_failure(static_cast<Outcome>(i))) fails += c[static_cast<std::size_t>(i)];
    }
    o << "| " << name << " | " << runs << " | " << c[0] << " | " << c[1] << " | " << fails << " | " << c[outcome_count];
    for (int i = 2; i < outcome_count; ++i) o << " | " << c[static_cast<std::size_t>(i)];
    o << " |\n";
  };
  for (const auto& [kind, c] : rows) line(kind_name(kind), c);
  line("**all**", total);
  return o.str();
}

std::string CampaignReport::signatures_table() const {
  std::ostringstream o;
  o << "| # | count | outcome | known-open | kinds | signature | smallest kept case (copied to examples/#) |\n"
    << "|---:|---:|---|---|---|---|---|\n";
  std::size_t n = 0;
  for (const auto& s : signatures()) {
    std::string kinds;
    for (const Kind k : s.kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(kind_name(k));
    std::string sig = s.signature;
    std::replace(sig.begin(), sig.end(), '|', '/');
    o << "| " << ++n << " | " << s.count << " | " << outcome_name(s.outcome) << " | " << (s.known ? "yes" : "**no**")
      << " | " << kinds << " | `" << sig << "` | " << (s.example ? s.example->kept : "-") << " |\n";
  }
  return o.str();
}

void CampaignReport::write(const std::filesystem::path& out, const std::string& heading) const {
  std::ostringstream summary;
  summary << "# " << heading << "\n\n" << summary_table() << "\n" << open_failures() << " open FAIL(s), "
          << known_failures() << " known-open FAIL(s) on the allow-list.\n";
  write_text(out / "summary.md", summary.str());
  write_text(out / "signatures.md", "# Failure signatures\n\n" + signatures_table());
  std::ostringstream tsv;
  tsv << "index\tkind\tseed\toutcome\tknown\tseconds\tsignature\tmutation\n";
  for (const auto& r : results_) {
    std::string what = r.what;
    std::replace(what.begin(), what.end(), '\t', ' ');
    std::replace(what.begin(), what.end(), '\n', ' ');
    tsv << r.index << '\t' << kind_name(r.kind) << '\t' << r.seed_name << '\t' << outcome_name(r.outcome) << '\t'
        << (r.known ? "yes" : "no") << '\t' << r.seconds << '\t' << r.signature << '\t' << what << '\n';
  }
  write_text(out / "results.tsv", tsv.str());
}

}  // namespace portsim::fuzz
