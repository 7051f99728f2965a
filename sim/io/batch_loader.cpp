#include "sim/io/batch_loader.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

#include "sim/kernel/random.hpp"

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

std::string number_text(double v, bool integer) {
  if (integer) return std::to_string(static_cast<long long>(std::llround(v)));
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

}  // namespace

BatchSpec load_batch(const std::string& file) {
  YamlDocument doc = YamlDocument::load(file);
  YamlReader r(doc);
  BatchSpec b;
  b.file = file;
  const YAML::Node& root = doc.root();
  r.check_keys(root, "", {"name", "base", "replications", "seed", "design", "samples", "factors", "kpis", "out", "duration"});
  b.name = fs::path(file).stem().string();
  if (auto n = root["name"]) b.name = r.text(n, "name").value_or(b.name);
  if (auto n = root["base"]) {
    if (auto v = r.text(n, "base")) {
      const fs::path p = fs::path(file).parent_path() / *v;
      if (!fs::exists(p)) r.problem(n, "base", "scenario file \"" + p.string() + "\" does not exist");
      b.base = p.lexically_normal().string();
    }
  } else {
    r.problem(root, "base", "missing: the base scenario file, relative to the batch file");
  }
  if (auto n = root["replications"]) b.replications = static_cast<std::size_t>(r.integer(n, "replications", 1, 100000).value_or(1));
  if (auto n = root["seed"]) b.seed = static_cast<std::uint64_t>(r.integer(n, "seed", 0, LLONG_MAX).value_or(1));
  if (auto n = root["design"]) b.design = r.choice(n, "design", {"grid", "lhs"}).value_or("grid");
  if (auto n = root["samples"]) b.samples = static_cast<std::size_t>(r.integer(n, "samples", 1, 1000000).value_or(1));
  if (b.design == "lhs" && b.samples == 0) r.problem(root, "samples", "missing: a Latin hypercube design needs samples");
  if (auto n = root["out"]) b.out = r.text(n, "out").value_or("");
  else b.out = "results/batches/" + b.name;
  if (auto n = root["duration"]) {
    if (r.duration(n, "duration")) b.duration = n.Scalar();
  }
  if (auto n = root["kpis"]) {
    if (r.expect_list(n, "kpis")) {
      for (std::size_t i = 0; i < n.size(); ++i) {
        if (auto v = r.text(n[i], "kpis[" + std::to_string(i) + "]")) b.kpis.push_back(*v);
      }
    }
  }
  const YAML::Node factors = root["factors"];
  if (!factors) {
    r.problem(root, "factors", "missing: a list of factors {key, values} or {key, range: {from, to, steps}}");
  } else if (r.expect_list(factors, "factors")) {
    for (std::size_t i = 0; i < factors.size(); ++i) {
      const std::string p = "factors[" + std::to_string(i) + "]";
      const YAML::Node f = factors[i];
      if (!r.expect_map(f, p)) continue;
      r.check_keys(f, p, {"key", "values", "range"});
      Factor fac;
      if (auto k = f["key"]) fac.key = r.text(k, p + ".key").value_or("");
      else r.problem(f, p + ".key", "missing: the scenario key path to vary, e.g. gates[0].lanes[0].count");
      if (auto v = f["values"]) {
        if (r.expect_list(v, p + ".values")) {
          if (v.size() == 0) r.problem(v, p + ".values", "expected at least one value");
          for (std::size_t j = 0; j < v.size(); ++j) {
            fac.marks.emplace_back(v[j].Mark().line + 1, v[j].Mark().column + 1);
            if (v[j].IsScalar()) {
              fac.values.push_back(v[j].Scalar());
            } else {
              YAML::Emitter e;
              e << YAML::Flow << v[j];
              fac.values.push_back(e.c_str());
            }
          }
        }
      } else if (auto rg = f["range"]) {
        if (r.expect_map(rg, p + ".range")) {
          r.check_keys(rg, p + ".range", {"from", "to", "steps", "integer"});
          double lo_v = 0, hi_v = 0;
          bool have = true;
          if (rg["from"]) {
            const auto from = r.number(rg["from"], p + ".range.from", -HUGE_VAL, HUGE_VAL);
            have = have && from.has_value();
            lo_v = from.value_or(0);
          }
          if (rg["to"]) {
            const auto to = r.number(rg["to"], p + ".range.to", -HUGE_VAL, HUGE_VAL);
            have = have && to.has_value();
            hi_v = to.value_or(0);
          }
          if (!rg["from"] || !rg["to"]) r.problem(rg, p + ".range", "expected from and to");
          if (auto x = rg["integer"]) fac.integer = r.boolean(x, p + ".range.integer").value_or(false);
          long long steps = 0;
          if (auto x = rg["steps"]) steps = r.integer(x, p + ".range.steps", 1, 100000).value_or(0);
          if (have && rg["from"] && rg["to"]) {
            const double* lo = &lo_v;
            const double* hi = &hi_v;
            if (*hi < *lo) r.problem(rg["to"], p + ".range.to", "expected to >= from");
            fac.continuous = true;
            fac.marks.assign(1, {rg.Mark().line + 1, rg.Mark().column + 1});
            fac.low = *lo;
            fac.high = *hi;
            if (b.design == "grid") {
              if (steps == 0) r.problem(rg, p + ".range.steps", "missing: a grid needs the number of steps");
              for (long long s = 0; s < steps; ++s) {
                const double x = steps == 1 ? *lo : *lo + (*hi - *lo) * static_cast<double>(s) / static_cast<double>(steps - 1);
                fac.values.push_back(number_text(x, fac.integer));
              }
            }
          }
        }
      } else {
        r.problem(f, p, "expected values: [...] or range: {from, to, steps}");
      }
      if (b.design == "lhs" && !fac.continuous) {
        r.problem(f, p, "a Latin hypercube design needs range: {from, to} for every factor");
      }
      b.factors.push_back(fac);
    }
  }
  r.throw_if_problems();

  // Design points.
  std::vector<std::vector<std::string>> rows;
  if (b.design == "grid") {
    rows.emplace_back();
    for (const Factor& f : b.factors) {
      std::vector<std::vector<std::string>> next;
      for (const auto& row : rows) {
        for (const auto& v : f.values) {
          auto copy = row;
          copy.push_back(v);
          next.push_back(std::move(copy));
        }
      }
      rows = std::move(next);
    }
  } else {
    // Latin hypercube: each factor's range cut into `samples` strata, one point per stratum, the
    // strata permuted independently per factor; reproducible from the batch seed.
    kernel::Rng rng = kernel::RandomStreams(b.seed).stream("batch/lhs");
    rows.assign(b.samples, {});
    for (const Factor& f : b.factors) {
      std::vector<std::size_t> perm(b.samples);
      for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
      for (std::size_t i = perm.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(kernel::uniform01(rng) * static_cast<double>(i));
        std::swap(perm[i - 1], perm[std::min(j, i - 1)]);
      }
      for (std::size_t s = 0; s < b.samples; ++s) {
        const double u = (static_cast<double>(perm[s]) + kernel::uniform01(rng)) / static_cast<double>(b.samples);
        rows[s].push_back(number_text(f.low + u * (f.high - f.low), f.integer));
      }
    }
  }
  std::vector<InputProblem> problems;
  std::string all_hashes = doc.dump();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    DesignPoint dp;
    dp.index = i;
    dp.values = rows[i];
    try {
      YamlDocument sd = YamlDocument::load(b.base);
      for (std::size_t f = 0; f < b.factors.size(); ++f) sd.set(b.factors[f].key + "=" + rows[i][f]);
      dp.scenario = load_scenario(sd);
    } catch (const InputError& e) {
      for (auto p : e.problems()) {
        // A bad factor level: point at the level in the batch file.
        for (std::size_t f = 0; f < b.factors.size(); ++f) {
          const Factor& fac = b.factors[f];
          if (p.path != fac.key || fac.marks.empty()) continue;
          std::size_t level = 0;
          if (!fac.continuous) {
            level = static_cast<std::size_t>(std::find(fac.values.begin(), fac.values.end(), rows[i][f]) - fac.values.begin());
          }
          const auto mark = fac.marks[std::min(level, fac.marks.size() - 1)];
          p.file = file;
          p.line = mark.first;
          p.column = mark.second;
          p.path = "factors[" + std::to_string(f) + "]";
          p.message = fac.key + ": " + p.message;
        }
        std::string where;
        for (std::size_t f = 0; f < b.factors.size(); ++f) where += (f ? ", " : "") + b.factors[f].key + "=" + rows[i][f];
        p.message += " (design point " + std::to_string(i) + ": " + where + ")";
        problems.push_back(p);
      }
      if (problems.size() > 20) break;
      continue;
    }
    all_hashes += dp.scenario.hash;
    b.points.push_back(std::move(dp));
  }
  if (!problems.empty()) throw InputError(problems);
  b.hash = hash_text(all_hashes);
  return b;
}

}  // namespace portsim::io
