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

}  // namespace

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
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    out += fmt::format("\n{} vs {}: paired differences (scenario - base)\n", c.scenarios[s].name, base.name);
    for (const auto& d : c.scenarios[s].differences) {
      if (!all_kpis && !listed(headline, d.name)) continue;
      const std::string note = d.significant ? "" : "  (not significant)";
      const std::string vr =
          d.variance_crn > 0 ? fmt::format("  CRN variance reduction x{:.1f}", variance_reduction(d)) : "";
      out += fmt::format("  {:<26} {:>10} [{:>9}, {:>9}] {}{}{}\n", d.name, format_value(d.diff_mean),
                         format_value(d.diff_mean - d.half_width), format_value(d.diff_mean + d.half_width), d.unit,
                         note, vr);
    }
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
  return j;
}

std::string differences_csv(const Comparison& c) {
  std::string csv = "scenario,kpi,unit,base_mean,scenario_mean,difference,ci_low,ci_high,significant,"
                    "variance_crn,variance_independent,variance_reduction\n";
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    for (const auto& d : c.scenarios[s].differences) {
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", c.scenarios[s].name, d.name, d.unit, d.base_mean,
                         d.other_mean, d.diff_mean, d.diff_mean - d.half_width, d.diff_mean + d.half_width,
                         d.significant ? 1 : 0, d.variance_crn, d.variance_independent, variance_reduction(d));
    }
  }
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
        if (x.name == ks.name) md += " " + format_value(x.mean) + " ± " + format_value(x.half_width) + " |";
      }
    }
    md += "\n";
  }
  md += "\nPaired differences (reform − base) with their CI; *n.s.* = not significant; *CRN ×* = variance of "
        "the difference with independent seeds over that with common random numbers.\n\n";
  md += "| reform | KPI | difference | CI | note |\n|---|---|---|---|---|\n";
  for (std::size_t s = 1; s < c.scenarios.size(); ++s) {
    for (const auto& d : c.scenarios[s].differences) {
      if (!listed(difference_kpis, d.name)) continue;
      if (d.half_width == 0 && d.diff_mean == 0) continue;
      std::string note = d.significant ? "" : "n.s.";
      if (d.variance_crn > 0) note += fmt::format("{}CRN ×{:.1f}", note.empty() ? "" : ", ", variance_reduction(d));
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
