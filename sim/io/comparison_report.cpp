#include "sim/io/comparison_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace portsim::io {

namespace {

bool listed(const std::vector<std::string>& kpis, const std::string& name) {
  return std::find(kpis.begin(), kpis.end(), name) != kpis.end();
}

double variance_reduction(const PairedDifference& d) {
  return d.variance_crn > 0 ? d.variance_independent / d.variance_crn : 0;
}

/// The variance reduction as the tables print it: "x3.2"; above crn_shown_max, ">1000" (the reform
/// hardly changes the KPI in any replication: the paired difference is then nearly exact, and the
/// ratio says nothing about efficiency, it can reach 1e27 from rounding); "" when not defined.
std::string crn_factor(const PairedDifference& d) {
  if (!(d.variance_crn > 0) || !(d.variance_independent > 0)) return "";
  const double r = variance_reduction(d);
  return r > crn_shown_max ? fmt::format(">{:.0f}", crn_shown_max) : fmt::format("{:.1f}", r);
}

}  // namespace

std::string interval_text(const KpiSummary& s) {
  if (s.n < 2) return "(n=1)";
  if (s.bootstrap) return "[" + format_value(s.low) + ", " + format_value(s.high) + "]*";
  return "± " + format_value(s.half_width);
}

std::string format_value(double v) {
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1000) return fmt::format("{:.0f}", v);
  if (a >= 100) return fmt::format("{:.1f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

std::string comparison_tables(const Comparison& c, bool all_kpis, const std::vector<std::string>& headline) {
  const auto& base = c.scenarios.front();
  std::string out = fmt::format("Comparison against {} ({} replications each, seed {}, common random numbers, {:.0f}% "
                                "CI; {:.1f} s)\n\n",
                                base.name, c.replications, c.seed, c.level * 100, c.wall_seconds);
  // Table: KPI rows, one column per scenario.
  out += fmt::format("{:<26}", "KPI");
  for (const auto& s : c.scenarios) out += fmt::format(" {:>15}", s.name.substr(0, 15));
  out += "\n";
  for (const auto& ks : base.summary) {
    if (!all_kpis && !listed(headline, ks.name)) continue;
    out += fmt::format("{:<26}", ks.name);
    for (const auto& s : c.scenarios) {
      for (const auto& x : s.summary) {
        if (x.name == ks.name) out += fmt::format(" {:>15}", format_value(x.mean));
      }
    }
    out += "  " + ks.unit + "\n";
  }
  const auto differences = [&](const std::string& heading, const std::vector<PairedDifference>& diffs) {
    out += heading;
    for (const auto& d : diffs) {
      if (!all_kpis && !listed(headline, d.name)) continue;
      const std::string note = d.significant ? "" : "  (not significant)";
      const std::string f = crn_factor(d);
      const std::string vr = f.empty() ? "" : "  CRN variance reduction x" + f;
      out += fmt::format("  {:<26} {:>10} [{:>9}, {:>9}] {}{}{}\n", d.name, format_value(d.diff_mean),
                         format_value(d.diff_mean - d.half_width), format_value(d.diff_mean + d.half_width), d.unit,
                         note, vr);
    }
  };
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    differences(fmt::format("\n{} vs {}: paired differences (scenario - base)\n", c.scenarios[s].name, base.name),
                c.scenarios[s].differences);
  }
  for (const auto& p : c.pairs) {
    differences(fmt::format("\n{} vs {}: paired differences (pairwise)\n", c.scenarios[p.b].name, c.scenarios[p.a].name),
                p.differences);
  }
  return out;
}

nlohmann::json comparison_json(const Comparison& c, const std::vector<Provenance>& provenance) {
  nlohmann::json j;
  j["base"] = c.scenarios.front().name;
  j["seed"] = c.seed;
  j["replications"] = c.replications;
  j["ci_level"] = c.level;
  j["command_line"] = provenance.front().command_line;
  j["program_version"] = provenance.front().program_version;
  j["scenarios"] = nlohmann::json::array();
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    const auto& sc = c.scenarios[s];
    nlohmann::json sj = summary_json(provenance[s], sc.summary, sc.runs);
    if (s > 0) {
      nlohmann::json diffs = nlohmann::json::array();
      for (const auto& d : sc.differences) {
        diffs.push_back({{"kpi", d.name}, {"unit", d.unit}, {"difference", d.diff_mean}, {"ci_half_width", d.half_width},
                         {"significant", d.significant}, {"variance_crn", d.variance_crn},
                         {"variance_independent", d.variance_independent}});
      }
      sj["paired_differences"] = diffs;
    }
    j["scenarios"].push_back(sj);
  }
  if (!c.pairs.empty()) {
    j["pairwise"] = nlohmann::json::array();
    for (const auto& p : c.pairs) {
      nlohmann::json diffs = nlohmann::json::array();
      for (const auto& d : p.differences) {
        diffs.push_back({{"kpi", d.name}, {"unit", d.unit}, {"difference", d.diff_mean}, {"ci_half_width", d.half_width},
                         {"significant", d.significant}});
      }
      j["pairwise"].push_back({{"scenario", c.scenarios[p.b].name}, {"against", c.scenarios[p.a].name},
                               {"paired_differences", diffs}});
    }
  }
  return j;
}

std::string budget_notes(const Comparison& c) {
  std::string out;
  const auto checks = [](const ComparedScenario& s) {
    double n = 0;
    for (const auto& k : s.summary) n += k.name == "channel_yellow" || k.name == "channel_red" ? k.mean : 0;
    return n;
  };
  const double base = checks(c.scenarios.front());
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    const auto& sc = c.scenarios[s];
    // Paired difference of the checks: "different" when its CI excludes 0 and it exceeds 2%.
    double mean = 0, sq = 0;
    const std::size_t n = std::min(sc.runs.size(), c.scenarios.front().runs.size());
    std::vector<double> d;
    for (std::size_t r = 0; r < n; ++r) {
      const auto& a = c.scenarios.front().runs[r].kpis;
      const auto& b = sc.runs[r].kpis;
      const double x = (port::kpi_value(b, "channel_yellow") + port::kpi_value(b, "channel_red")) -
                       (port::kpi_value(a, "channel_yellow") + port::kpi_value(a, "channel_red"));
      d.push_back(x);
      mean += x / static_cast<double>(n);
    }
    for (double x : d) sq += (x - mean) * (x - mean);
    const double se = n > 1 ? std::sqrt(sq / static_cast<double>(n - 1) / static_cast<double>(n)) : 0;
    if (std::fabs(mean) > 2 * se && std::fabs(mean) > 0.02 * std::max(1.0, base)) {
      out += fmt::format("\nnote: {} spends another inspection budget than {}: {:.1f} against {:.1f} checks "
                               "(yellow + red) per run ({:+.1f}%); its catches and misses partly reflect the budget, "
                               "not only how trucks are selected\n",
                               sc.name, c.scenarios.front().name, checks(sc), base, 100 * mean / std::max(1.0, base));
    }
  }
  return out;
}

std::string differences_csv(const Comparison& c) {
  std::string csv = "scenario,base,kpi,unit,base_mean,scenario_mean,difference,ci_low,ci_high,significant,"
                    "variance_crn,variance_independent,variance_reduction\n";
  const auto rows = [&](const std::string& scenario, const std::string& base, const std::vector<PairedDifference>& diffs) {
    for (const auto& d : diffs) {
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", scenario, base, d.name, d.unit, d.base_mean,
                         d.other_mean, d.diff_mean, d.diff_mean - d.half_width, d.diff_mean + d.half_width,
                         d.significant ? 1 : 0, d.variance_crn, d.variance_independent, variance_reduction(d));
    }
  };
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) rows(c.scenarios[s].name, c.scenarios[0].name, c.scenarios[s].differences);
  for (const auto& p : c.pairs) rows(c.scenarios[p.b].name, c.scenarios[p.a].name, p.differences);
  return csv;
}

std::string comparison_runs_csv(const Comparison& c, const std::vector<Provenance>& provenance) {
  std::string csv;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    std::string part = runs_csv(provenance[s], c.scenarios[s].runs);
    if (s > 0) part = part.substr(part.find('\n') + 1);  // one header
    csv += part;
  }
  return csv;
}

std::string comparison_markdown(const Comparison& c, const std::string& command_line,
                                const std::vector<std::string>& table_kpis,
                                const std::vector<std::string>& difference_kpis) {
  const auto& base = c.scenarios.front();
  std::string md = fmt::format("<!-- made by: {} -->\n\n", command_line);
  md += fmt::format("Base: **{}**. {} replications per scenario, seed {}, common random numbers, {:.0f}% "
                    "Student-t confidence intervals (mean ± half-width).\n\n",
                    base.name, c.replications, c.seed, c.level * 100);
  md += "| KPI | unit |";
  for (const auto& s : c.scenarios) md += " " + s.name + " |";
  md += "\n|---|---|";
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) md += "---|";
  md += "\n";
  for (const auto& ks : base.summary) {
    if (!listed(table_kpis, ks.name)) continue;
    md += "| " + ks.name + " | " + ks.unit + " |";
    for (const auto& s : c.scenarios) {
      for (const auto& x : s.summary) {
        if (x.name == ks.name) md += " " + format_value(x.mean) + " " + interval_text(x) + " |";
      }
    }
    md += "\n";
  }
  md += "\nPaired differences (reform − base) with their CI; *n.s.* = not significant; *CRN ×* = variance of "
        "the difference with independent seeds over that with common random numbers (×1.0: they did not "
        "narrow the CI, as when a reform removes the queue and with it the KPI's variance; ×>1000: the reform "
        "hardly changes the KPI in any replication, so the paired difference is nearly exact).\n\n";
  md += "| reform | KPI | difference | CI | note |\n|---|---|---|---|---|\n";
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    for (const auto& d : c.scenarios[s].differences) {
      if (!listed(difference_kpis, d.name)) continue;
      if (d.half_width == 0 && d.diff_mean == 0) continue;
      std::string note = d.significant ? "" : "n.s.";
      if (const std::string f = crn_factor(d); !f.empty()) note += (note.empty() ? "" : ", ") + std::string("CRN ×") + f;
      md += fmt::format("| {} | {} ({}) | {} | [{}, {}] | {} |\n", c.scenarios[s].name, d.name, d.unit,
                        format_value(d.diff_mean), format_value(d.diff_mean - d.half_width),
                        format_value(d.diff_mean + d.half_width), note);
    }
  }
  return md;
}

void comparison_plots(const std::string& dir, const Comparison& c, const std::vector<std::string>& forest_kpis,
                      const std::vector<Series>& hourly_queue) {
  const auto& base = c.scenarios.front();
  for (const auto& kpi : forest_kpis) {
    std::vector<ForestRow> rows;
    std::string unit;
    for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
      for (const auto& d : c.scenarios[s].differences) {
        if (d.name != kpi) continue;
        rows.push_back({c.scenarios[s].name, d.diff_mean, d.diff_mean - d.half_width, d.diff_mean + d.half_width});
        unit = d.unit;
      }
    }
    forest_plot(dir, "forest_" + kpi,
                kpi + ": reform - " + base.name + " (" + fmt::format("{:.0f}", c.level * 100) + "% CI, paired)", unit,
                rows);
  }
  line_plot(dir, "hourly_queue", "Trucks waiting (lanes + public road) by hour of day", "hour of day",
            "trucks waiting (mean)", hourly_queue);
}

}  // namespace portsim::io
