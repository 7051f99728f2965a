// portsim_fuzz: the fuzz harness's driver (tests/fuzz/README.md). Loads the seeds, checks that
// each seed passes unmutated, runs a seeded campaign of mutants through the portsim commands
// that read them, writes the summary (kinds x outcomes), the failure signatures and the failing
// cases, and exits 0 only if no FAIL is left outside the allow-list of known-open ones.
//
//   portsim_fuzz --portsim build/dev/portsim --source . --out /tmp/fuzz --mode ci
//   portsim_fuzz --portsim P --viz V --source . --out O --mode large --count 3000   (campaign.sh)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "tests/fuzz/campaign_report.hpp"
#include "tests/fuzz/campaign_runner.hpp"
#include "tests/fuzz/input_kinds.hpp"
#include "tests/fuzz/seed_set.hpp"
#include "tests/fuzz/verdict.hpp"

namespace fs = std::filesystem;
using namespace portsim::fuzz;

namespace {

/// A fresh output folder; one that exists is emptied only if the harness made it (marker file).
void prepare_out(const fs::path& out) {
  const fs::path marker = out / ".portsim-fuzz";
  if (fs::exists(out)) {
    if (!fs::is_empty(out) && !fs::exists(marker)) {
      throw std::runtime_error(out.string() + " exists and was not made by portsim_fuzz: choose another --out");
    }
    fs::remove_all(out);
  }
  fs::create_directories(out);
  write_text(marker, "made by portsim_fuzz; emptied by its next run\n");
}

void print_failures(const std::vector<CaseResult>& bad, const fs::path& out) {
  for (const auto& r : bad) {
    std::printf("  %s (%s): %s: %s\n    %s\n", kind_name(r.kind), r.seed_name.c_str(), outcome_name(r.outcome),
                r.signature.c_str(), (out / r.kept / "cmd.sh").c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"portsim_fuzz: seeded mutation campaign over every PortSim input kind"};
  std::string portsim, viz, source, out, mode = "ci", known_file, kinds_text;
  std::size_t count = 0, jobs = 2, memory_mb = 1024, keep = 20, shrink = 0;
  bool shrink_set = false;
  std::uint64_t seed = 14;
  double timeout_s = 10;
  bool sanitized = false, skip_seed_check = false;
  app.add_option("--portsim", portsim, "portsim binary under test")->required();
  app.add_option("--viz", viz, "portsim-viz binary (large mode: traces, replays; needs DISPLAY)");
  app.add_option("--source", source, "project folder (scenarios/, calibration/, results/, tests/fuzz/seeds/)")->required();
  app.add_option("--out", out, "output folder (emptied first if portsim_fuzz made it)")->required();
  app.add_option("--mode", mode, "ci (few hundred mutants, no viz) or large")->check(CLI::IsMember({"ci", "large"}));
  app.add_option("--count", count, "mutants (default: 240 in ci mode, 3000 in large mode)");
  app.add_option("--seed", seed, "campaign seed (default 14)");
  app.add_option("--jobs", jobs, "cases run at once (default 2)")->check(CLI::Range(1, 64));
  app.add_option("--timeout", timeout_s, "seconds per command (default 10)")->check(CLI::Range(0.5, 600.0));
  app.add_option("--memory-mb", memory_mb, "address-space limit per portsim command, ulimit -v (default 1024)");
  app.add_flag("--sanitized", sanitized, "the binaries use ASan/UBSan: no ulimit -v, hard RSS limit in ASAN_OPTIONS");
  app.add_option("--known-open", known_file, "allow-list of known-open failure signatures (tests/fuzz/known_open.txt)");
  app.add_option("--kinds", kinds_text, "only these kinds, comma-separated");
  app.add_option("--keep", keep, "failing cases kept per signature (default 20)");
  app.add_flag("--skip-seed-check", skip_seed_check, "do not first run the seeds unmutated");
  app.add_option("--shrink", shrink, "runs spent shrinking each signature's example (default: 0 in ci mode, 150 in large)");
  CLI11_PARSE(app, argc, argv);
  shrink_set = app.count("--shrink") > 0;

  try {
    const bool ci = mode == "ci";
    if (count == 0) count = ci ? 240 : 3000;
    if (!viz.empty() && !std::getenv("DISPLAY")) throw std::runtime_error("--viz needs a display (DISPLAY is not set)");
    const fs::path out_dir = fs::absolute(out);
    prepare_out(out_dir);

    Programs programs{fs::absolute(portsim), ci || viz.empty() ? fs::path{} : fs::absolute(viz), {}};
    Limits limits;
    limits.timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
    limits.memory_mb = sanitized ? 0 : memory_mb;
    if (sanitized) {
      programs.env = {"ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0:hard_rss_limit_mb=" + std::to_string(memory_mb) +
                          ":handle_abort=1",
                      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"};
    }
    Limits viz_limits = limits;
    viz_limits.memory_mb = sanitized ? 0 : std::max<std::size_t>(memory_mb, 4096);  // Mesa's llvmpipe reserves more
    Limits derive_limits = limits;
    derive_limits.timeout = std::chrono::milliseconds(120000);

    const KnownOpen known = known_file.empty() ? KnownOpen{} : KnownOpen::load(known_file);
    const SeedSet seeds = load_seeds(fs::absolute(source), out_dir / "work", programs, derive_limits);

    CampaignSettings settings;
    settings.out = out_dir;
    settings.count = count;
    settings.seed = seed;
    settings.jobs = jobs;
    settings.weights = kind_weights(ci, !programs.viz.empty());
    settings.portsim_limits = limits;
    settings.viz_limits = viz_limits;
    settings.keep_per_signature = keep;
    if (!kinds_text.empty()) {
      std::vector<std::pair<Kind, unsigned>> chosen;
      std::string rest = kinds_text + ",";
      for (std::size_t at = rest.find(','); at != std::string::npos; rest.erase(0, at + 1), at = rest.find(',')) {
        const auto k = kind_from_name(rest.substr(0, at));
        if (!k) throw std::runtime_error("--kinds: unknown kind \"" + rest.substr(0, at) + "\"");
        for (const auto& w : settings.weights) {
          if (w.first == *k) chosen.push_back(w);
        }
      }
      if (chosen.empty()) throw std::runtime_error("--kinds: none of these kinds is available in this mode");
      settings.weights = chosen;
    }

    const CampaignRunner runner(seeds, programs, known, settings);
    std::vector<CaseResult> results;
    if (!skip_seed_check) {
      results = runner.check_seeds(ci ? 2 : 4);
      if (!results.empty()) {
        std::printf("fuzz: %zu seed case(s) fail unmutated (a shipped file, or one portsim wrote, is refused; "
                    "or the harness's command is wrong):\n", results.size());
        print_failures(results, out_dir);
      } else {
        std::printf("fuzz: seeds pass unmutated (%zu kinds x %d)\n", settings.weights.size(), ci ? 2 : 4);
      }
    }
    const auto start = std::chrono::steady_clock::now();
    for (auto& r : runner.run()) results.push_back(std::move(r));
    const CampaignReport report(std::move(results));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string heading = "PortSim fuzz campaign: " + std::to_string(count) + " mutants, seed " +
                                std::to_string(seed) + ", mode " + mode + (sanitized ? ", sanitized" : "") + ", " +
                                std::to_string(static_cast<long long>(seconds)) + " s";
    report.write(out_dir, heading);
    const std::size_t examples = runner.write_examples(report, shrink_set ? shrink : (ci ? 0 : 150));
    std::cout << heading << "\n\n" << report.summary_table() << "\n";
    if (!report.signatures().empty()) std::cout << report.signatures_table() << "\n";
    std::cout << report.open_failures() << " open FAIL(s), " << report.known_failures()
              << " known-open FAIL(s) on the allow-list; cases kept in " << (out_dir / "failures").string() << ", "
              << examples << " example(s), one per signature, in " << (out_dir / "examples").string() << "\n";
    return report.open_failures() == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portsim_fuzz: error: %s\n", e.what());
    return 3;
  }
}
