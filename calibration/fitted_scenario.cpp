#include "calibration/fitted_scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "calibration/civil_date.hpp"
#include "calibration/number_text.hpp"

namespace portsim::calibration {

namespace {

std::string when(const TruckLog& log, double s) {
  if (!log.date_times) return fmt::format("{:.0f} s", s);
  const long day = static_cast<long>(std::floor(s / 86400));
  const long sec = static_cast<long>(s) - day * 86400;
  const CivilDate date = date_of_day_number(day);
  const int y = date.year, m = date.month, d = date.day;
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", y, m, d, sec / 3600, sec % 3600 / 60);
}

/// A YAML double-quoted scalar.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

const char* parameter_name(const std::string& family, std::size_t p) {
  if (family == "exponential") return "mean";
  if (family == "lognormal") return p == 0 ? "mean" : "sd";
  return p == 0 ? "shape" : "scale";
}

std::string parameters_with_ci(const FittedTime& t) {
  std::string out;
  for (std::size_t p = 0; p < t.fit.parameters.size(); ++p) {
    const bool seconds = std::string(parameter_name(t.fit.family, p)) != "shape";
    const auto v = [&](double x) { return seconds ? span(x) : fmt::format("{:.3g}", x); };
    out += fmt::format("{}{} {} ({} - {})", out.empty() ? "" : ", ", parameter_name(t.fit.family, p),
                       v(t.fit.parameters[p]), v(t.parameter_ci[p].lo), v(t.parameter_ci[p].hi));
  }
  return out;
}

std::string ks_verdict(const FittedTime& t) {
  if (t.test_n == 0) return "no held-out values";
  return fmt::format("held out: {} values, mean {}, KS D {:.3f} (p {:.2g}{})", t.test_n, span(t.test_mean), t.test_ks.d,
                     t.test_ks.p_value, t.test_ks.p_value < 0.05 ? ": the held-out values do not follow the fit" : "");
}

std::string rate_verdict(const FittedRate& r) {
  return fmt::format("held out: {} of {} trucks ({:.2f}%, p {:.2g}{})", r.test_count, r.test_n, 100 * r.test_share,
                     r.test_p_value, r.test_p_value < 0.05 ? ": the held-out share differs from the fitted one" : "");
}

const FittedTime* find_time(const PortFit& f, const std::string& key) {
  for (const auto& t : f.times) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

void time_entry(std::string& out, const FittedTime& t, const std::string& indent, const std::string& key) {
  out += fmt::format("{}# {}: {} trucks; mean {} (95% CI {} - {}); {}\n", indent, t.what, t.train_n, span(t.mean),
                     span(t.mean_ci.lo), span(t.mean_ci.hi), parameters_with_ci(t));
  out += fmt::format("{}# {}\n", indent, ks_verdict(t));
  out += fmt::format("{}{}: \"{}\"\n", indent, key, t.fit.text);
}

}  // namespace

std::string fitted_scenario_yaml(const PortFit& fit, const TruckLog& log, const std::string& extends,
                                 const std::string& name) {
  std::string out;
  out += fmt::format("# Fitted by `portsim fit-port` from the truck log {} (gate {}).\n", log.path, fit.gate);
  out += fmt::format("# Trained on {} trucks arriving {} .. {} ({} {}s); held out {} trucks arriving from {} ({} {}s).\n",
                     fit.train_trucks, when(log, fit.first_arrival), when(log, fit.split_at), fit.train_blocks,
                     fit.block_unit, fit.test_trucks, when(log, fit.split_at), fit.test_blocks, fit.block_unit);
  int used = fit.refits;
  for (const auto& t : fit.times) used = std::min(used, t.refits_used);
  out += fmt::format("# CIs: 95% percentile intervals of block-bootstrap refits over the training {}s ({} asked, at least {} "
                     "fitted).\n",
                     fit.block_unit, fit.refits, used);
  out += fmt::format("# Lane starts: {}.\n", fit.lane_start_source);
  for (const auto& n : fit.notes) out += "# " + n + ".\n";
  out += fmt::format("extends: {}\nname: {}\n\n", quoted(extends), quoted(name));
  if (const FittedTime* lane = find_time(fit, "steps.identify_manual")) {
    out += "steps:\n";
    time_entry(out, *lane, "  ", "identify_manual");
    out += "  # The whole transaction is in identify_manual, so the other lane steps take no time (the paper fallback of an\n"
           "  # IT outage, documents_outage_fallback, stays the scenario's).\n";
    for (const char* step : {"documents_paper", "documents_electronic", "documents_pre_arrival", "seal_manual_per_container",
                             "weigh_static", "radiation_manual"}) {
      out += fmt::format("  {}: \"constant(0s)\"\n", step);
    }
    out += "\n";
  }
  if (const FittedTime* yard = find_time(fit, "yard_time")) {
    time_entry(out, *yard, "", "yard_time");
    out += "\n";
  }
  out += "customs:\n  trouble_ticket_rate: 0   # exceptions at the side window are inside yard_time\n";
  if (const FittedTime* exam = find_time(fit, "customs.physical_inspection")) time_entry(out, *exam, "  ", "physical_inspection");
  if (fit.selection_off) {
    out += "  selection:   # no channel column: inspected trucks' time is inside yard_time\n    yellow_rate: 0\n    red_rate: 0\n";
  }
  if (!fit.rates.empty()) {
    out += "  selection:\n";
    for (const auto& r : fit.rates) {
      const std::string key = r.key.substr(r.key.rfind('.') + 1);
      out += fmt::format("    # {}: {:.2f}% of {} trucks, / {:.3f} (the share the selection can reach: loaded trucks, "
                         "trusted traders at their multiplier); 95% CI {:.4f} - {:.4f}\n",
                         r.what, 100 * r.train_share, r.train_n, fit.selection_factor, r.ci.lo, r.ci.hi);
      out += fmt::format("    # {}\n", rate_verdict(r));
      out += fmt::format("    {}: {:.4f}\n", key, r.value);
    }
  }
  return out;
}

std::string port_fit_report(const PortFit& fit, const TruckLog& log) {
  std::string out;
  out += fmt::format("{}: {} trucks; trained on {} ({} {}s), held out {} ({} {}s, arrivals from {})\n", log.path,
                     log.rows.size(), fit.train_trucks, fit.train_blocks, fit.block_unit, fit.test_trucks, fit.test_blocks,
                     fit.block_unit, when(log, fit.split_at));
  out += fmt::format("lane starts: {}\n", fit.lane_start_source);
  for (const auto& t : fit.times) {
    out += fmt::format("  {:<28} {:<28} mean {} (95% CI {} - {})\n", t.key, t.fit.text, span(t.mean), span(t.mean_ci.lo),
                       span(t.mean_ci.hi));
    out += fmt::format("  {:<28} {}\n", "", parameters_with_ci(t));
    out += fmt::format("  {:<28} {}\n", "", ks_verdict(t));
    if (t.dropped) out += fmt::format("  {:<28} {} values <= 0 left out\n", "", t.dropped);
  }
  for (const auto& r : fit.rates) {
    out += fmt::format("  {:<28} {:<28} (95% CI {:.4f} - {:.4f})\n", r.key, fmt::format("{:.4f}", r.value), r.ci.lo, r.ci.hi);
    out += fmt::format("  {:<28} {}\n", "", rate_verdict(r));
  }
  for (const auto& n : fit.notes) out += "note: " + n + "\n";
  return out;
}

}  // namespace portsim::calibration
