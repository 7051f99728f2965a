#include "sim/io/batch_loader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "sim/kernel/random.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/port.hpp"

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

constexpr double largest_level = 1e300;  // range ends: finite numbers

std::string number_text(double v, bool integer) {
  if (integer) return std::to_string(static_cast<long long>(std::llround(v)));
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

/// Whether key path `path` is `prefix` or lies below it ("a.b[1].c" is below "a.b" and "a.b[1]").
bool within(const std::string& path, const std::string& prefix) {
  if (path.size() < prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

}  // namespace

port::KpiList reported_kpi_list(const port::ScenarioConfig& cfg) {
  kernel::Simulation sim;
  const port::Port model(sim, cfg, kernel::RandomStreams(0));
  return model.kpis();
}

std::vector<std::string> reported_kpis(const port::ScenarioConfig& cfg) {
  std::vector<std::string> names;
  for (const auto& k : reported_kpi_list(cfg)) names.push_back(k.name);
  return names;
}

namespace {

/// Refuses a grid larger than max_design_points before it is built, with its size level by level.
void check_grid_size(YamlReader& r, const YAML::Node& factors, const std::vector<Factor>& list) {
  std::size_t points = 1;
  bool overflow = false;
  std::string levels;
  for (const Factor& f : list) {
    const std::size_t n = f.values.size();
    levels += (levels.empty() ? "" : " x ") + std::to_string(n);
    if (n != 0 && points > SIZE_MAX / n) overflow = true;
    else points *= n;
  }
  if (!overflow && points <= max_design_points) return;
  r.problem(factors, "factors",
            "the grid has " + (overflow ? "more than " + std::to_string(SIZE_MAX) : std::to_string(points)) +
                " design points (" + levels + " levels), more than the " + std::to_string(max_design_points) +
                " a batch may have; use fewer values or steps, or a Latin hypercube (design: lhs, samples: N)");
}

/// A problem of design point `i`, placed in the batch file when a factor caused it: at the factor's
/// key when the key does not fit the scenario (an unknown key, an index it does not have), at the
/// level when the value is wrong. `set_factor`: the problem came from applying that factor's
/// override, which fails for its key path unless its level is not YAML ("value of ..."). Returns
/// whether the problem lies in a factor key (then it is the same at every design point).
bool place_problem(InputProblem& p, const BatchSpec& b, const std::vector<std::string>& row, std::size_t i,
                   std::optional<std::size_t> set_factor) {
  const auto at_key = [&](std::size_t f, const std::string& message) {
    p.file = b.file;
    p.line = b.factors[f].key_mark.first;
    p.column = b.factors[f].key_mark.second;
    p.path = "factors[" + std::to_string(f) + "].key";
    p.message = message;
  };
  for (std::size_t f = 0; f < b.factors.size(); ++f) {
    const Factor& fac = b.factors[f];
    if (set_factor) {
      if (*set_factor != f) continue;
      if (p.message.rfind("value of ", 0) != 0) {
        at_key(f, p.message);
        return true;
      }
    } else if (p.message.rfind("unknown key", 0) == 0 && within(fac.key, p.path)) {
      at_key(f, p.path + ": " + p.message);
      return true;
    } else if (!within(p.path, fac.key) && !within(fac.key, p.path)) {
      continue;
    }
    if (fac.marks.empty()) continue;
    std::size_t level = 0;
    if (!fac.continuous) {
      level = static_cast<std::size_t>(std::find(fac.values.begin(), fac.values.end(), row[f]) - fac.values.begin());
    }
    const auto mark = fac.marks[std::min(level, fac.marks.size() - 1)];
    p.file = b.file;
    p.line = mark.first;
    p.column = mark.second;
    p.message = (p.path.empty() ? fac.key : p.path) + ": " + p.message;
    p.path = "factors[" + std::to_string(f) + "]";
    break;
  }
  std::string where;
  for (std::size_t f = 0; f < b.factors.size(); ++f) where += (f ? ", " : "") + b.factors[f].key + "=" + row[f];
  p.message += " (design point " + std::to_string(i) + ": " + where + ")";
  return false;
}

/// Every KPI the batch keeps must be one the model reports, at every design point.
void check_kpis(YamlReader& r, const YAML::Node& root, const BatchSpec& b) {
  if (b.points.empty()) return;
  const YAML::Node kpis = root["kpis"];
  if (!kpis) {  // all of them: the same at every point
    for (const DesignPoint& p : b.points) {
      if (p.kpi_names == b.points[0].kpi_names) continue;
      r.problem(root["factors"], "factors", "design point " + std::to_string(p.index) +
                                                " reports other KPIs than design point 0 (its gates differ): list the "
                                                "KPIs to keep under kpis");
      break;
    }
    return;
  }
  if (!kpis.IsSequence()) return;
  for (std::size_t k = 0; k < kpis.size() && k < b.kpis.size(); ++k) {
    const std::string path = "kpis[" + std::to_string(k) + "]";
    if (!r.choice(kpis[k], path, b.points[0].kpi_names)) continue;
    for (const DesignPoint& p : b.points) {
      if (std::find(p.kpi_names.begin(), p.kpi_names.end(), b.kpis[k]) != p.kpi_names.end()) continue;
      r.problem(kpis[k], path, "design point " + std::to_string(p.index) + " does not report \"" + b.kpis[k] +
                                   "\" (its gates differ from design point 0's)");
      break;
    }
  }
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
      else if (!fs::is_regular_file(p)) r.problem(n, "base", "\"" + p.string() + "\" is not a scenario file");
      b.base = p.lexically_normal().string();
    }
  } else {
    r.problem(root, "base", "missing: the base scenario file, relative to the batch file");
  }
  if (auto n = root["replications"]) b.replications = static_cast<std::size_t>(r.integer(n, "replications", 1, 100000).value_or(1));
  if (auto n = root["seed"]) b.seed = static_cast<std::uint64_t>(r.integer(n, "seed", 0, LLONG_MAX).value_or(1));
  if (auto n = root["design"]) b.design = r.choice(n, "design", {"grid", "lhs"}).value_or("grid");
  const auto most_points = static_cast<long long>(max_design_points);
  if (auto n = root["samples"]) b.samples = static_cast<std::size_t>(r.integer(n, "samples", 1, most_points).value_or(1));
  if (b.design == "lhs" && b.samples == 0) r.problem(root, "samples", "missing: a Latin hypercube design needs samples");
  if (auto n = root["out"]) b.out = r.text(n, "out").value_or("");
  else b.out = "results/batches/" + b.name;
  if (auto n = root["duration"]) {
    if (const auto d = r.duration(n, "duration")) {
      if (d->count() > 0) b.duration = n.Scalar();
      else r.problem(n, "duration", "expected a duration > 0, got \"" + n.Scalar() + "\"");
    }
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
      if (auto k = f["key"]) {
        fac.key = r.text(k, p + ".key").value_or("");
        fac.key_mark = {k.Mark().line + 1, k.Mark().column + 1};
      } else {
        r.problem(f, p + ".key", "missing: the scenario key path to vary, e.g. gates[0].lanes[0].count");
      }
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
            const auto from = r.number(rg["from"], p + ".range.from", -largest_level, largest_level);
            have = have && from.has_value();
            lo_v = from.value_or(0);
          }
          if (rg["to"]) {
            const auto to = r.number(rg["to"], p + ".range.to", -largest_level, largest_level);
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
              if (!rg["steps"]) r.problem(rg, p + ".range.steps", "missing: a grid needs the number of steps");
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
      if (b.design == "lhs" && !f["range"]) {
        r.problem(f, p, "a Latin hypercube design needs range: {from, to} for every factor");
      }
      b.factors.push_back(fac);
    }
    if (b.design == "grid") check_grid_size(r, factors, b.factors);
  }
  r.throw_if_problems();
  const std::size_t point_count = b.design == "grid" ? [&] {
    std::size_t n = 1;
    for (const Factor& f : b.factors) n *= f.values.size();
    return n;
  }() : b.samples;
  if (point_count > max_batch_runs / b.replications) {
    r.problem(root["replications"] ? root["replications"] : root, "replications",
              std::to_string(point_count) + " design points x " + std::to_string(b.replications) +
                  " replications are more than the " + std::to_string(max_batch_runs) +
                  " runs a batch may have; use fewer replications or design points");
    r.throw_if_problems();
  }

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
  std::set<std::string> reported;
  const auto report = [&](InputProblem p) {
    if (reported.insert(p.format()).second) problems.push_back(std::move(p));
  };
  std::string all_hashes = doc.dump();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    DesignPoint dp;
    dp.index = i;
    dp.values = rows[i];
    bool key_problem = false, set_problem = false;
    try {
      YamlDocument sd = YamlDocument::load(b.base);
      for (std::size_t f = 0; f < b.factors.size(); ++f) {
        try {
          sd.set(b.factors[f].key + "=" + rows[i][f]);
        } catch (const InputError& e) {
          set_problem = true;
          for (auto p : e.problems()) {
            key_problem = place_problem(p, b, rows[i], i, f) || key_problem;
            report(p);
          }
        }
      }
      if (key_problem || problems.size() > 20) break;  // every design point has the same keys
      if (set_problem) continue;
      dp.scenario = load_scenario(sd);
      for (const auto& k : reported_kpi_list(dp.scenario.config)) {
        dp.kpi_names.push_back(k.name);
        dp.kpi_units.push_back(k.unit);
      }
    } catch (const InputError& e) {
      for (auto p : e.problems()) {
        key_problem = place_problem(p, b, rows[i], i, std::nullopt) || key_problem;
        report(p);
      }
      if (key_problem || problems.size() > 20) break;
      continue;
    } catch (const std::exception& e) {  // the model refused the point (a check the loader does not make)
      InputProblem p{b.base, 0, 0, "", e.what()};
      place_problem(p, b, rows[i], i, std::nullopt);
      report(p);
      if (problems.size() > 20) break;
      continue;
    }
    all_hashes += dp.scenario.hash;
    b.points.push_back(std::move(dp));
  }
  if (!problems.empty()) throw InputError(problems);
  check_kpis(r, root, b);
  r.throw_if_problems();
  b.hash = hash_text(all_hashes);
  return b;
}

}  // namespace portsim::io
