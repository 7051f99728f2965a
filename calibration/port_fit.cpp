#include "calibration/port_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

#include "calibration/sample_stats.hpp"
#include "sim/io/input_error.hpp"
#include "sim/kernel/time.hpp"
#include "sim/port/layout.hpp"

namespace portsim::calibration {

namespace {

constexpr int min_days_for_day_blocks = 10;
constexpr std::size_t min_exams = 10;  // fewer: the examination time is the scenario's

[[noreturn]] void fail(const std::string& file, const std::string& field, const std::string& what, int line = 0) {
  throw io::InputError({io::InputProblem{file, line, line > 0 ? 1 : 0, field, what}});
}

/// Values of one measured time, by block.
struct BlockValues {
  std::map<long, std::vector<double>> by_block;
  void add(long block, double v) { by_block[block].push_back(v); }
  std::vector<double> gather(const std::vector<long>& blocks) const {
    std::vector<double> out;
    for (long b : blocks) {
      const auto it = by_block.find(b);
      if (it != by_block.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    return out;
  }
};

/// Trucks and trucks in a channel, by block.
struct BlockCounts {
  std::map<long, std::pair<std::size_t, std::size_t>> by_block;  // (trucks, in the channel)
  std::pair<std::size_t, std::size_t> sum(const std::vector<long>& blocks) const {
    std::pair<std::size_t, std::size_t> s{0, 0};
    for (long b : blocks) {
      const auto it = by_block.find(b);
      if (it == by_block.end()) continue;
      s.first += it->second.first;
      s.second += it->second.second;
    }
    return s;
  }
};

Interval percentile_interval(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {quantile_of(v, 0.025), quantile_of(v, 0.975)};
}

}  // namespace

std::vector<double> lane_transaction_times(const TruckLog& log, std::string& source) {
  std::vector<double> out(log.rows.size());
  if (log.has_lane_start) {
    source = "the log's lane_start column";
    for (std::size_t i = 0; i < log.rows.size(); ++i) out[i] = log.rows[i].gate_in - *log.rows[i].lane_start;
    return out;
  }
  if (!log.has_lane) {
    fail(log.path, "lane_start",
         "the lane transaction needs each truck's lane_start, or its lane (then each start is recovered from the "
         "lane's previous gate_in); the log has neither column",
         1);  // the header
  }
  source = "recovered per lane: max(arrival, the lane's previous gate_in), one first-come-first-served queue per lane";
  std::map<std::string, std::vector<std::size_t>> lanes;
  for (std::size_t i = 0; i < log.rows.size(); ++i) lanes[log.rows[i].lane].push_back(i);
  for (auto& [name, idx] : lanes) {
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return log.rows[a].gate_in < log.rows[b].gate_in; });
    double free_at = -1e300;
    for (std::size_t i : idx) {
      const TruckLogRow& r = log.rows[i];
      out[i] = r.gate_in - std::max(r.arrival, free_at);
      free_at = r.gate_in;
    }
  }
  return out;
}

namespace {

const port::GateConfig& gate_of(const port::ScenarioConfig& sc, const std::string& id) {
  if (sc.gates.empty()) fail(sc.source_file, "gates", "the scenario has no gate to fit");
  if (id.empty()) return sc.gates.front();
  std::string ids;
  for (const auto& g : sc.gates) {
    if (g.id == id) return g;
    ids += (ids.empty() ? "" : ", ") + g.id;
  }
  fail("command line", "--gate", "no gate \"" + id + "\" in " + sc.source_file + ": expected one of " + ids);
}

/// Free-flow drive gate -> yard -> exit of the gate, seconds.
double drive_after_gate(const port::ScenarioConfig& sc, const port::GateConfig& g) {
  const port::Layout layout(sc.nodes, sc.roads);
  double s = 0;
  const auto leg = [&](const std::string& from, const std::string& to) {
    if (const auto* r = layout.route(layout.node_index(from), layout.node_index(to))) {
      s += kernel::to_seconds(layout.route_time(*r));
    }
  };
  leg(g.node, g.yard);
  leg(g.yard, g.exit);
  return s;
}

FittedTime fit_time(const std::string& key, const std::string& what, const BlockValues& values,
                    const std::vector<long>& train, const std::vector<long>& test, const PortFitOptions& o,
                    const std::string& log_path) {
  FittedTime t;
  t.key = key;
  t.what = what;
  auto x = values.gather(train);
  const std::size_t all = x.size();
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return !(v > 0); }), x.end());
  t.dropped = all - x.size();
  try {
    t.fit = fit_families(x).front();
  } catch (const std::invalid_argument& e) {
    fail(log_path, key, what + ": " + e.what(), 1);  // the whole log: its header
  }
  t.train_n = x.size();
  t.mean = family_mean(t.fit);
  std::mt19937_64 rng(o.seed ^ std::hash<std::string>{}(key));
  std::uniform_int_distribution<std::size_t> pick(0, train.size() - 1);
  std::vector<double> means;
  std::vector<std::vector<double>> params(t.fit.parameters.size());
  std::vector<long> draw(train.size());
  for (int b = 0; b < o.refits; ++b) {
    for (auto& d : draw) d = train[pick(rng)];
    auto y = values.gather(draw);
    y.erase(std::remove_if(y.begin(), y.end(), [](double v) { return !(v > 0); }), y.end());
    try {
      const FamilyFit f = fit_families(y, t.fit.family).front();
      if (!f.failure.empty()) continue;
      means.push_back(family_mean(f));
      ++t.refits_used;
      for (std::size_t p = 0; p < params.size(); ++p) params[p].push_back(f.parameters[p]);
    } catch (const std::invalid_argument&) {  // a resample with too few values: not a refit
    }
  }
  if (t.refits_used < (o.refits + 1) / 2) {
    fail(log_path, key, what + ": only " + std::to_string(t.refits_used) + " of " + std::to_string(o.refits) +
                            " bootstrap refits had 10 values to fit; the log has too few for a CI", 1);
  }
  t.mean_ci = percentile_interval(means);
  for (auto& p : params) t.parameter_ci.push_back(percentile_interval(p));
  auto held = values.gather(test);
  held.erase(std::remove_if(held.begin(), held.end(), [](double v) { return !(v > 0); }), held.end());
  t.test_n = held.size();
  if (!held.empty()) {
    t.test_mean = mean_of(held);
    t.test_ks = held_out_ks(held, t.fit);
  }
  return t;
}

FittedRate fit_rate(const std::string& key, const std::string& what, const BlockCounts& counts, double factor,
                    const std::vector<long>& train, const std::vector<long>& test, const PortFitOptions& o) {
  FittedRate r;
  r.key = key;
  r.what = what;
  const auto [n, k] = counts.sum(train);
  r.train_n = n;
  r.train_share = n ? static_cast<double>(k) / static_cast<double>(n) : 0;
  r.value = r.train_share / factor;
  std::mt19937_64 rng(o.seed ^ std::hash<std::string>{}(key));
  std::uniform_int_distribution<std::size_t> pick(0, train.size() - 1);
  std::vector<double> values;
  std::vector<long> draw(train.size());
  for (int b = 0; b < o.refits; ++b) {
    for (auto& d : draw) d = train[pick(rng)];
    const auto [bn, bk] = counts.sum(draw);
    if (bn) values.push_back(static_cast<double>(bk) / static_cast<double>(bn) / factor);
  }
  r.ci = percentile_interval(values);
  const auto [tn, tk] = counts.sum(test);
  r.test_n = tn;
  r.test_count = tk;
  r.test_share = tn ? static_cast<double>(tk) / static_cast<double>(tn) : 0;
  // Two proportions, train and held out (normal approximation with the pooled share).
  const double pooled = static_cast<double>(k + tk) / static_cast<double>(n + tn);
  if (tn && n && pooled > 0 && pooled < 1) {
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / static_cast<double>(n) + 1.0 / static_cast<double>(tn)));
    r.test_p_value = std::erfc(std::fabs(r.test_share - r.train_share) / se / std::sqrt(2.0));
  }
  return r;
}

/// The log's trucks of `gate`: by its gate column, or every truck when the scenario has one gate.
TruckLog trucks_of(const TruckLog& all, const port::ScenarioConfig& sc, const std::string& gate) {
  if (!all.has_gate) {
    if (sc.gates.size() > 1) {
      fail(all.path, "gate", "the scenario has " + std::to_string(sc.gates.size()) +
                                 " gates: the log needs a gate column saying which gate each truck used", 1);
    }
    return all;
  }
  TruckLog log = all;
  log.rows.clear();
  std::string seen;
  for (const auto& r : all.rows) {
    if (r.gate == gate) log.rows.push_back(r);
    else if (seen.find("\"" + r.gate + "\"") == std::string::npos) seen += (seen.empty() ? "" : ", ") + ("\"" + r.gate + "\"");
  }
  if (log.rows.empty()) fail(all.path, "gate", "no truck of gate \"" + gate + "\" in the log (its gates: " + seen + ")", 1);
  return log;
}

/// Lane starts can be recovered from lanes only when every lane of the gate stays open.
void check_recoverable(const TruckLog& log, const port::GateConfig& g) {
  if (log.has_lane_start) return;
  bool changes = !g.lane_policies.empty();
  for (const auto& l : g.lanes) changes = changes || !l.open.empty();
  if (changes) {
    fail(log.path, "lane_start",
         "gate " + g.id + " opens and closes lanes (lanes[].open or lane_policies): a lane's first truck after it opens "
         "would seem to start at its arrival, so each lane start cannot be recovered from the lanes; the log needs lane_start",
         1);
  }
}

}  // namespace

PortFit fit_port(const TruckLog& all, const port::ScenarioConfig& sc, const PortFitOptions& o) {
  PortFit fit;
  const port::GateConfig& gate = gate_of(sc, o.gate);
  fit.gate = gate.id;
  fit.refits = o.refits;
  const TruckLog log = trucks_of(all, sc, gate.id);
  check_recoverable(log, gate);
  if (log.whole_minutes) {
    fail(log.path, "arrival",
         "every time in the log is a whole minute: a lane transaction lasts about a minute, so the times need seconds "
         "(hh:mm:ss or seconds)",
         1);
  }

  // Blocks: days, or hours for a log of fewer than 10 days; the latest blocks are held out.
  const auto day_of = [](double s) { return static_cast<long>(std::floor(s / 86400)); };
  std::vector<long> days;
  for (const auto& r : log.rows) days.push_back(day_of(r.arrival));
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const bool by_day = days.size() >= static_cast<std::size_t>(min_days_for_day_blocks);
  fit.block_unit = by_day ? "day" : "hour";
  const double block_s = by_day ? 86400 : 3600;
  // A first or last block with under 5% of the median block's trucks (a drained run's trucks that
  // reach the queue after the last midnight) joins its neighbour, so it is no block of its own.
  std::map<long, std::size_t> per_block;
  for (const auto& r : log.rows) ++per_block[static_cast<long>(std::floor(r.arrival / block_s))];
  std::vector<std::size_t> counts;
  for (const auto& [b, n] : per_block) counts.push_back(n);
  std::sort(counts.begin(), counts.end());
  const double small = 0.05 * static_cast<double>(counts[counts.size() / 2]);
  long lowest = per_block.begin()->first, highest = per_block.rbegin()->first;
  if (per_block.size() > 1 && static_cast<double>(per_block.begin()->second) < small) ++lowest;
  if (per_block.size() > 1 && static_cast<double>(per_block.rbegin()->second) < small) --highest;
  const auto block_of = [&, lowest, highest](double s) {
    return std::clamp(static_cast<long>(std::floor(s / block_s)), lowest, highest);
  };
  std::vector<long> blocks;
  for (const auto& r : log.rows) blocks.push_back(block_of(r.arrival));
  std::sort(blocks.begin(), blocks.end());
  blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
  if (blocks.size() < 3) {
    fail(log.path, "arrival", "the log spans " + std::to_string(blocks.size()) + " " + fit.block_unit +
                                  "(s) of arrivals; a fit with a held-out part needs at least 3 hours",
         1);
  }
  const auto n_test = std::clamp<std::size_t>(static_cast<std::size_t>(std::lround(o.holdout * static_cast<double>(blocks.size()))), 1,
                                              blocks.size() - 2);
  const std::vector<long> train(blocks.begin(), blocks.end() - static_cast<std::ptrdiff_t>(n_test));
  const std::vector<long> test(blocks.end() - static_cast<std::ptrdiff_t>(n_test), blocks.end());
  fit.train_blocks = train.size();
  fit.test_blocks = test.size();
  fit.split_at = static_cast<double>(test.front()) * block_s;
  fit.first_arrival = fit.last_arrival = log.rows.front().arrival;
  for (const auto& r : log.rows) {
    fit.first_arrival = std::min(fit.first_arrival, r.arrival);
    fit.last_arrival = std::max(fit.last_arrival, r.arrival);
    (r.arrival < fit.split_at ? fit.train_trucks : fit.test_trucks) += 1;
  }

  // The measured times and channel counts, by block.
  const std::vector<double> lane = lane_transaction_times(log, fit.lane_start_source);
  fit.drive_s = drive_after_gate(sc, gate);
  BlockValues lane_v, after_v, exam_v;
  BlockCounts yellow, red;
  for (std::size_t i = 0; i < log.rows.size(); ++i) {
    const TruckLogRow& r = log.rows[i];
    const long b = block_of(r.arrival);
    lane_v.add(b, lane[i]);
    const bool inspected = r.channel && *r.channel != port::Channel::Green;
    if (!inspected) after_v.add(b, r.release - r.gate_in - fit.drive_s);
    if (r.exam_start) exam_v.add(b, *r.exam_end - *r.exam_start);
    if (log.has_channel) {
      auto& y = yellow.by_block[b];
      auto& d = red.by_block[b];
      ++y.first;
      ++d.first;
      y.second += *r.channel == port::Channel::Yellow ? 1U : 0U;
      d.second += *r.channel == port::Channel::Red ? 1U : 0U;
    }
  }

  fit.times.push_back(fit_time("steps.identify_manual", "lane transaction (gate_in - lane start)", lane_v, train, test, o, log.path));
  fit.times.push_back(fit_time("yard_time",
                               log.has_channel ? "after the gate, trucks not inspected (release - gate_in - free-flow drives)"
                                               : "after the gate, every truck (release - gate_in - free-flow drives)",
                               after_v, train, test, o, log.path));
  fit.notes.push_back("yard_time holds every minute between gate_in and release beyond the layout's free-flow drives (" +
                      std::to_string(static_cast<int>(std::lround(fit.drive_s))) +
                      " s): side-window exceptions included, so customs.trouble_ticket_rate is set to 0");
  if (!log.has_channel) {
    fit.selection_off = true;
    fit.notes.push_back("no channel column: inspected trucks' time is inside yard_time, so the selection rates are set to 0 "
                        "(no truck is sent to a check on top of it)");
  } else {
    const port::DemandConfig& d = sc.demand;
    const double tt = d.trusted_trader_share, m = sc.customs.trusted_trader_multiplier;
    fit.selection_factor = (d.import_share + d.export_share) * (1 - tt + tt * m);
    if (!(fit.selection_factor > 0)) {
      fail(sc.source_file, "demand.import_share",
           "no truck of the scenario carries a declaration (import_share + export_share is 0), so the log's channels "
           "cannot be fitted as selection rates");
    }
    fit.rates.push_back(fit_rate("customs.selection.yellow_rate", "trucks sent to a document check", yellow,
                                 fit.selection_factor, train, test, o));
    fit.rates.push_back(fit_rate("customs.selection.red_rate", "trucks sent to a physical examination", red,
                                 fit.selection_factor, train, test, o));
    const double both = fit.rates[0].value + fit.rates[1].value;
    if (both * std::max(1.0, m) > 1) {
      fail(log.path, "channel",
           "the log sends " + std::to_string(100 * (fit.rates[0].train_share + fit.rates[1].train_share)) +
               "% of trucks to a check, more than the scenario's trucks with a declaration allow (" +
               std::to_string(100 * fit.selection_factor) + "%; " + sc.source_file + ": demand.import_share, export_share)",
           1);
    }
  }
  std::size_t exams = 0;
  for (double v : exam_v.gather(train)) exams += v > 0 ? 1 : 0;
  if (log.has_exam && exams >= min_exams) {
    fit.times.push_back(fit_time("customs.physical_inspection", "physical examination (exam_end - exam_start)", exam_v,
                                 train, test, o, log.path));
  } else {
    fit.notes.push_back(log.has_exam ? "only " + std::to_string(exams) +
                                           " examinations in the training part (a fit needs 10): customs.physical_inspection is the scenario's"
                                     : "no examinations in the log (exam_start, exam_end): customs.physical_inspection is the scenario's");
  }
  return fit;
}

}  // namespace portsim::calibration
