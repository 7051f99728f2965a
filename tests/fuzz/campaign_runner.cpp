#include "tests/fuzz/campaign_runner.hpp"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

namespace fs = std::filesystem;

namespace {

std::string quoted(const std::string& a) {
  std::string q = "'";
  for (const char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string index_name(std::size_t i) {
  std::string s = std::to_string(i);
  return std::string(s.size() < 5 ? 5 - s.size() : 0, '0') + s;
}

Kind weighted_kind(const std::vector<std::pair<Kind, unsigned>>& weights, FuzzRng& rng) {
  unsigned total = 0;
  for (const auto& [k, w] : weights) total += w;
  std::size_t x = rng.below(total);
  for (const auto& [k, w] : weights) {
    if (x < w) return k;
    x -= w;
  }
  return weights.front().first;
}

void write_files(const Case& c, const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& [path, text] : c.files) write_text(dir / path, text);
}

}  // namespace

CampaignRunner::CampaignRunner(const SeedSet& seeds, const Programs& programs, const KnownOpen& known,
                               CampaignSettings settings)
    : seeds_(seeds), programs_(programs), known_(known), settings_(std::move(settings)) {}

std::vector<std::string> CampaignRunner::argv_of(const Step& s) const {
  std::vector<std::string> argv{(s.viz ? programs_.viz : programs_.portsim).string()};
  argv.insert(argv.end(), s.args.begin(), s.args.end());
  return argv;
}

CaseResult CampaignRunner::run_case(const Case& c, std::size_t index, const fs::path& dir) const {
  CaseResult r;
  r.index = index;
  r.kind = c.kind;
  r.seed_name = c.seed_name;
  r.what = c.what;
  for (const auto& f : c.files) r.input_bytes += f.second.size();
  write_files(c, dir);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const std::vector<std::string> argv = argv_of(c.steps[i]);
    const Limits& limits = c.steps[i].viz ? settings_.viz_limits : settings_.portsim_limits;
    const StepResult s = run_process(argv, dir, programs_.env, limits, "step" + std::to_string(i + 1));
    const Verdict v = classify(s, argv, c.location);
    r.seconds += s.seconds;
    r.step = i + 1;
    r.outcome = v.outcome;
    r.signature = v.signature;
    r.message = v.message;
    if (v.outcome != Outcome::Exit0) break;
  }
  r.known = is_failure(r.outcome) && r.outcome != Outcome::HarnessError && known_.covers(kind_name(c.kind), r.signature);
  return r;
}

void CampaignRunner::write_script(const Case& c, const CaseResult& r, const fs::path& dir) const {
  std::ostringstream sh;
  sh << "#!/bin/sh\n# PortSim fuzz case " << r.index << " (" << kind_name(c.kind) << ", seed " << c.seed_name << ")\n"
     << "# outcome: " << outcome_name(r.outcome) << " at command " << r.step << "; signature: " << r.signature << "\n"
     << "# Run from anywhere: sh cmd.sh (a portsim-viz command needs a display: xvfb-run -a sh cmd.sh).\n"
     << "cd \"$(dirname \"$0\")\" || exit 1\n"
     << "PORTSIM=${PORTSIM:-" << quoted(programs_.portsim.string()) << "}\n";
  if (!programs_.viz.empty()) sh << "PORTSIM_VIZ=${PORTSIM_VIZ:-" << quoted(programs_.viz.string()) << "}\n";
  for (const auto& e : programs_.env) sh << "export " << quoted(e) << "\n";
  for (const auto& step : c.steps) {
    const Limits& l = step.viz ? settings_.viz_limits : settings_.portsim_limits;
    sh << "(";
    if (l.memory_mb) sh << "ulimit -v " << l.memory_mb * 1024 << "; ";
    sh << "exec timeout -s KILL " << static_cast<double>(l.timeout.count()) / 1000.0 << " " << (step.viz ? "\"$PORTSIM_VIZ\"" : "\"$PORTSIM\"");
    for (const auto& a : step.args) sh << " " << quoted(a);
    sh << ") || exit $?\n";
  }
  write_text(dir / "cmd.sh", sh.str());
  fs::permissions(dir / "cmd.sh", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
  std::ostringstream info;
  info << "kind: " << kind_name(c.kind) << "\nseed: " << c.seed_name << "\nmutation: " << r.what
       << "\noutcome: " << outcome_name(r.outcome) << " (command " << r.step << ")\nsignature: " << r.signature
       << "\nknown-open: " << (r.known ? "yes" : "no") << "\nseconds: " << r.seconds << "\n";
  write_text(dir / "case.txt", info.str());
}

std::vector<CaseResult> CampaignRunner::check_seeds(std::size_t per_kind) const {
  std::vector<CaseResult> bad;
  std::size_t n = 0;
  for (const auto& [kind, weight] : settings_.weights) {
    for (std::size_t j = 0; j < per_kind; ++j, ++n) {
      FuzzRng rng(mutant_key(settings_.seed ^ 0x5eed5eedull, n));
      const Case c = make_case(kind, seeds_, rng, true);
      const fs::path dir = settings_.out / "seed-check" / index_name(n);
      CaseResult r = run_case(c, n, dir);
      if (r.outcome != Outcome::Exit0) {
        r.signature = "seed fails unmutated: " + std::string(outcome_name(r.outcome)) + ": " +
                      (r.signature.empty() ? r.message : r.signature);
        r.outcome = Outcome::SeedFails;
        r.known = known_.covers(kind_name(c.kind), r.signature);
        r.index = seed_check_index + n;
        write_script(c, r, dir);
        r.kept = fs::relative(dir, settings_.out).string();
        bad.push_back(r);
      } else {
        fs::remove_all(dir);
      }
    }
  }
  return bad;
}

Case CampaignRunner::case_of(std::size_t index) const {
  FuzzRng rng(mutant_key(settings_.seed, index));
  const Kind kind = weighted_kind(settings_.weights, rng);
  return make_case(kind, seeds_, rng, false);
}

std::vector<CaseResult> CampaignRunner::run() const {
  std::vector<CaseResult> results(settings_.count);
  std::atomic<std::size_t> next{0};
  std::mutex progress;
  std::size_t done = 0;
  const auto worker = [&] {
    for (std::size_t i = next++; i < settings_.count; i = next++) {
      FuzzRng rng(mutant_key(settings_.seed, i));
      const Kind kind = weighted_kind(settings_.weights, rng);
      const Case c = make_case(kind, seeds_, rng, false);
      const fs::path dir = settings_.out / "cases" / (index_name(i) + "-" + kind_name(kind));
      CaseResult r;
      try {
        r = run_case(c, i, dir);
        if (is_failure(r.outcome)) {
          write_script(c, r, dir);
        } else {
          fs::remove_all(dir);
        }
      } catch (const std::exception& e) {  // the harness itself (disk full, fork failed): never hidden
        r = CaseResult{};
        r.index = i;
        r.kind = kind;
        r.seed_name = c.seed_name;
        r.what = c.what;
        r.outcome = Outcome::HarnessError;
        r.signature = std::string("harness: ") + e.what();
        fs::create_directories(dir);
      }
      results[i] = std::move(r);
      const std::lock_guard<std::mutex> lock(progress);
      if (++done % 250 == 0) {
        std::printf("fuzz: %zu/%zu cases run\n", done, settings_.count);
        std::fflush(stdout);
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < settings_.jobs; ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();

  // A timeout is a hang only if it happens again with nothing else running (a loaded machine
  // can stall a short command past the limit).
  for (auto& r : results) {
    if (r.outcome != Outcome::Timeout) continue;
    const Case c = case_of(r.index);
    const fs::path dir = settings_.out / "cases" / (index_name(r.index) + "-" + kind_name(c.kind));
    fs::remove_all(dir);
    CaseResult again = run_case(c, r.index, dir);
    if (again.outcome == Outcome::Timeout) continue;
    again.what += " (timed out under load; " + std::to_string(again.seconds) + " s alone)";
    if (is_failure(again.outcome)) {
      write_script(c, again, dir);
    } else {
      fs::remove_all(dir);
    }
    r = std::move(again);
  }

  // Keep the first `keep` failing cases of each signature (by index), drop the rest.
  std::map<std::string, std::size_t> kept;
  for (auto& r : results) {
    if (!is_failure(r.outcome)) continue;
    const fs::path from = settings_.out / "cases" / (index_name(r.index) + "-" + kind_name(r.kind));
    if (kept[r.signature]++ < settings_.keep_per_signature) {
      const fs::path to = settings_.out / "failures" / from.filename();
      fs::create_directories(to.parent_path());
      fs::rename(from, to);
      r.kept = fs::relative(to, settings_.out).string();
    } else {
      fs::remove_all(from);
    }
  }
  fs::remove_all(settings_.out / "cases");
  return results;
}

}  // namespace portsim::fuzz
