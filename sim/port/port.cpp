#include "sim/port/port.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "sim/kernel/event.hpp"
#include <stdexcept>
#include <string>

#include <boost/math/distributions/normal.hpp>

namespace portsim::port {

using kernel::Duration;
using kernel::Lease;
using kernel::Process;
using kernel::Resource;
using kernel::SimTime;
using kernel::Simulation;
using namespace std::chrono_literals;

double kpi_value(const KpiList& kpis, const std::string& name) {
  for (const Kpi& k : kpis) {
    if (k.name == name) return k.value;
  }
  throw std::out_of_range("unknown KPI \"" + name + "\"");
}

// ---- model checks ----

std::vector<std::pair<std::string, std::string>> check_model(const ScenarioConfig& cfg) {
  std::vector<std::pair<std::string, std::string>> problems;
  std::unique_ptr<Layout> layout;
  try {
    layout = std::make_unique<Layout>(cfg.nodes, cfg.roads);
  } catch (const LayoutError& e) {
    problems.emplace_back(e.path(), e.what());
    return problems;
  }
  std::vector<std::string> device_ids;
  for (const DeviceConfig& d : cfg.devices) device_ids.push_back(d.id);
  const auto has_device = [&](const std::string& id) {
    return std::find(device_ids.begin(), device_ids.end(), id) != device_ids.end();
  };
  const auto node_of_kind = [&](const std::string& path, const std::string& id, NodeKind kind,
                                bool required) -> std::optional<std::size_t> {
    if (id.empty()) {
      if (required) problems.emplace_back(path, "a " + to_string(kind) + " node is required");
      return std::nullopt;
    }
    if (!layout->has_node(id)) {
      problems.emplace_back(path, "unknown node \"" + id + "\"");
      return std::nullopt;
    }
    const std::size_t n = layout->node_index(id);
    if (layout->node(n).kind != kind) {
      problems.emplace_back(path, "node \"" + id + "\" is a " + to_string(layout->node(n).kind) +
                                      " node, expected a " + to_string(kind) + " node");
      return std::nullopt;
    }
    return n;
  };
  const auto reachable = [&](const std::string& path, std::optional<std::size_t> a,
                             std::optional<std::size_t> b) {
    if (a && b && layout->route(*a, *b) == nullptr) {
      problems.emplace_back(path, "no road leads from \"" + layout->node(*a).id + "\" to \"" +
                                      layout->node(*b).id + "\"");
    }
  };
  if (cfg.gates.empty()) problems.emplace_back("gates", "at least one gate is required");
  for (std::size_t g = 0; g < cfg.gates.size(); ++g) {
    const GateConfig& gate = cfg.gates[g];
    const std::string p = "gates[" + std::to_string(g) + "]";
    const auto entry = node_of_kind(p + ".entry", gate.entry, NodeKind::Entry, true);
    const auto node = node_of_kind(p + ".node", gate.node, NodeKind::Gate, true);
    const auto yard = node_of_kind(p + ".yard", gate.yard, NodeKind::Yard, true);
    const auto exit = node_of_kind(p + ".exit", gate.exit, NodeKind::Exit, true);
    const auto insp = node_of_kind(p + ".inspection", gate.inspection, NodeKind::Inspection, false);
    reachable(p + ".node", entry, node);
    if (insp) {
      reachable(p + ".inspection", node, insp);
      reachable(p + ".inspection", insp, yard);
    }
    reachable(p + ".yard", node, yard);
    reachable(p + ".exit", yard, exit);
    if (gate.lanes.empty()) problems.emplace_back(p + ".lanes", "a gate needs at least one lane");
    bool general = false;
    std::vector<std::string> reported;  // lanes made by `count` share their devices: report once
    for (std::size_t l = 0; l < gate.lanes.size(); ++l) {
      const LaneConfig& lane = gate.lanes[l];
      if (lane.kind == LaneKind::General) general = true;
      for (std::size_t d = 0; d < lane.devices.size(); ++d) {
        if (!has_device(lane.devices[d]) &&
            std::find(reported.begin(), reported.end(), lane.devices[d]) == reported.end()) {
          reported.push_back(lane.devices[d]);
          problems.emplace_back(p + ".lanes[" + std::to_string(l) + "].devices[" + std::to_string(d) + "]",
                                "unknown device \"" + lane.devices[d] + "\"");
        }
      }
    }
    if (!gate.lanes.empty() && !general) {
      problems.emplace_back(p + ".lanes", "a gate needs at least one general lane (paper, non-trusted, "
                                          "walk-in trucks can use no other)");
    }
  }
  for (std::size_t i = 0; i < cfg.customs.xray_scanners.size(); ++i) {
    const std::string& id = cfg.customs.xray_scanners[i];
    const std::string path = "customs.xray_scanners[" + std::to_string(i) + "]";
    const auto it = std::find_if(cfg.devices.begin(), cfg.devices.end(), [&](const DeviceConfig& d) { return d.id == id; });
    if (it == cfg.devices.end()) {
      problems.emplace_back(path, "unknown device \"" + id + "\"");
    } else if (it->kind != DeviceKind::XrayScanner) {
      problems.emplace_back(path, "device \"" + id + "\" is a " + to_string(it->kind) + ", expected an xray_scanner");
    }
  }
  bool any_officer = false;
  for (const DailyWindow& w : cfg.customs.officer_shifts) any_officer = any_officer || w.count > 0;
  if (!any_officer) {
    problems.emplace_back("customs.officer_shifts", "no officer is ever on duty: inspections could never end");
  }
  return problems;
}

// ---- the model ----

namespace {

constexpr std::size_t draw_count = 48;  // named uniforms per truck (indices below)
// Indices into a truck's uniforms (drawn at arrival, so every scenario sees the same trucks).
enum Draw : std::size_t {
  u_kind, u_containers, u_forty0, u_forty1, u_rfid, u_eplate, u_trusted, u_eseal0, u_eseal1,
  u_noncompliant0, u_noncompliant1, u_declaration, u_risk0, u_risk1, u_select, u_doc_check,
  u_agency0, u_agency_end = u_agency0 + 4, u_identify = u_agency_end, u_read0, u_read1, u_read2,
  u_documents, u_seal0, u_seal1, u_eseal_read0, u_eseal_read1, u_weigh, u_wim, u_radiation,
  u_ticket, u_ticket_time, u_xray_flag, u_xray_time, u_physical_time, u_physical_detect,
  u_doc_detect, u_yard, u_no_show, u_punctuality, u_device_time0, u_device_time1, u_device_time2,
  u_device_time3, u_late, u_count
};
static_assert(u_count <= draw_count);

bool in_window(Duration time_of_day, const DailyWindow& w) {
  if (w.from <= w.to) return time_of_day >= w.from && time_of_day < w.to;
  return time_of_day >= w.from || time_of_day < w.to;  // wraps past midnight
}

Duration time_of_day(SimTime t) { return Duration{t.time_since_epoch().count() % 86'400'000}; }

/// Time from t to the next boundary of any window (at least 1 ms, at most a day).
Duration until_next_boundary(SimTime t, const std::vector<DailyWindow>& windows) {
  const Duration tod = time_of_day(t);
  Duration best = 24h;
  for (const DailyWindow& w : windows) {
    for (const Duration b : {w.from, w.to}) {
      Duration d = b - tod;
      if (d <= Duration{0}) d += 24h;
      best = std::min(best, d);
    }
  }
  return best;
}

}  // namespace

struct Port::Impl {
  struct DeviceRt {
    const DeviceConfig* cfg;
    std::string name;
    bool up = true;
    std::uint64_t reads = 0;
    std::uint64_t failed_reads = 0;
    std::uint64_t failures = 0;
    double busy_s = 0;
    double down_s = 0;
    SimTime down_since{};
    int gate = -1;
    int lane = -1;
    int index_in_lane = -1;
  };
  struct LaneRt {
    const LaneConfig* cfg;
    int gate;
    int index;
    std::unique_ptr<Resource> res;
    std::vector<std::size_t> devices;
    bool open = true;
    bool reserved = false;  // common queue: handed to a waiting truck that has not moved in yet
  };
  struct Truck;
  struct Waiting {
    const Truck* truck;
    kernel::Event<std::size_t>* assigned;
  };
  struct GateRt {
    const GateConfig* cfg;
    int index;
    std::size_t entry, node, yard, exit;
    std::optional<std::size_t> inspection;
    std::vector<std::size_t> lanes;
    kernel::TimeWeighted queue;
    kernel::TimeWeighted spill;
    kernel::TimeWeighted waiting;  // queue + spill: every truck waiting for a lane
    kernel::HourlyLevel hourly;
    const Layout::Route* to_gate = nullptr;
    const Layout::Route* to_yard = nullptr;
    const Layout::Route* to_inspection = nullptr;
    const Layout::Route* inspection_to_yard = nullptr;
    const Layout::Route* to_exit = nullptr;
    Duration free_flow_to_gate{};
    kernel::Rng arrivals;
    kernel::Rng draws;
    double rate_scale = 0;  // trucks per hour per unit of profile weight
    std::deque<Waiting> common_queue;
    void update_waiting(SimTime t) {
      const double level = queue.level() + spill.level();
      waiting.set(t, level);
      hourly.set(t, level);
    }
  };
  struct Truck {
    std::uint32_t id = 0;
    int gate = 0;
    int kind = 0;  // 0 import, 1 export, 2 empty
    int containers = 0;
    std::array<bool, 2> eseal{};
    std::array<bool, 2> noncompliant{};
    bool rfid = false, eplate = false, trusted = false, appointment = false;
    DeclarationMode declaration = DeclarationMode::Paper;
    std::uint64_t key = 0;  // A4: the truck's uniforms are u(i) = hash(key, i), computed on demand
    double u(std::size_t i) const noexcept {
      std::uint64_t z = key + 0x9E3779B97F4A7C15ull * (i + 1);  // SplitMix64 of (key, i)
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      return static_cast<double>(z >> 11) * 0x1.0p-53;
    }
    std::size_t slot = 0;
  };
  struct LiveTruck {
    bool used = false;
    std::uint32_t id = 0;
    TruckState state = TruckState::Travelling;
    int gate = -1, lane = -1, road = -1, node = -1;
    SimTime road_since{};
    Duration road_time{};
    const Layout::Route* route = nullptr;  // free-flow drive along a whole route (no capacity)
    SimTime route_since{};                 // may lie ahead: the truck is still at `node` until then
  };

  std::vector<std::pair<const Layout::Route*, std::pair<Duration, bool>>> route_info_;
  /// Free-flow time of a route and whether any road on it has a capacity (cached).
  std::pair<Duration, bool> route_info(const Layout::Route* r) {
    for (const auto& [route, info] : route_info_) {
      if (route == r) return info;
    }
    bool limited = false;
    for (std::size_t ri : *r) limited = limited || roads[ri] != nullptr;
    route_info_.emplace_back(r, std::make_pair(layout.route_time(*r), limited));
    return route_info_.back().second;
  }
  /// Starts a free-flow drive (one timeout for the whole route) after `delay` at the current node.
  Duration begin_free_drive(Truck& t, const Layout::Route* r, Lease& held, Duration delay = Duration{0}) {
    held.release();
    LiveTruck& lt = live[t.slot];
    lt.route = r;
    lt.route_since = sim.now() + delay;
    lt.road = -1;
    return route_info(r).first;
  }

  Port& port;
  Simulation& sim;
  const ScenarioConfig& cfg;
  const Layout& layout;
  kernel::RandomStreams streams;
  std::vector<DeviceRt> devices;
  std::vector<LaneRt> lanes;
  std::vector<GateRt> gates;
  std::vector<std::unique_ptr<Resource>> roads;
  Resource officers;
  Resource bays;
  Resource scanners;
  std::vector<std::size_t> scanner_devices;
  bool system_up = true;
  double risk_separation = 0;  // d' of the risk score
  double threshold_red = 0;
  double threshold_yellow = 0;
  std::vector<LiveTruck> live;
  std::vector<std::size_t> free_live;
  std::uint32_t next_truck = 1;

  // KPI accumulators
  kernel::Tally turn, pregate, lane_service, inspection{false}, yard{false};
  std::uint64_t arrived = 0, exited = 0, balked = 0, no_shows = 0, in_system = 0;
  std::array<std::uint64_t, 3> channel{};
  std::uint64_t xray_scans = 0, physical = 0, doc_checks = 0;
  std::uint64_t noncompliant_total = 0, caught = 0, missed = 0;
  std::uint64_t fallbacks = 0, tickets = 0, outage_fallbacks = 0;
  double idle_s = 0;
  kernel::HourlySeries hourly_exits{24};
  SimTime stats_start{};

  Impl(Port& p, Simulation& s, const ScenarioConfig& c, const Layout& l, const kernel::RandomStreams& st)
      : port(p), sim(s), cfg(c), layout(l), streams(st), officers(s, 0, kernel::QueueDiscipline::Priority),
        bays(s, c.customs.inspection_bays), scanners(s, static_cast<std::int64_t>(c.customs.xray_scanners.size())) {}

  void notify(EventKind kind, const Truck* t, int gate = -1, int lane = -1, int device = -1,
              Channel ch = Channel::Green) {
    if (port.observers_.empty()) return;
    DomainEvent e{kind, sim.now(), t != nullptr ? TruckId{t->id} : TruckId{}, gate, lane, device, ch};
    for (PortObserver* o : port.observers_) o->on_event(e);
  }

  const DeviceConfig& device_config(const std::string& id) const {
    for (const DeviceConfig& d : cfg.devices) {
      if (d.id == id) return d;
    }
    throw ModelError("devices", "unknown device \"" + id + "\"");
  }

  void build() {
    for (const RoadConfig& r : cfg.roads) {
      roads.push_back(r.capacity_trucks > 0 ? std::make_unique<Resource>(sim, r.capacity_trucks) : nullptr);
    }
    double share_total = 0;
    for (const GateConfig& g : cfg.gates) share_total += g.demand_share;
    double profile_total = 0;
    for (double w : cfg.demand.profile) profile_total += w;
    const double period_days = cfg.demand.profile.size() == 168 ? 7.0 : 1.0;
    for (std::size_t gi = 0; gi < cfg.gates.size(); ++gi) {
      const GateConfig& g = cfg.gates[gi];
      const std::string name = g.id;
      GateRt rt{&g, static_cast<int>(gi), layout.node_index(g.entry), layout.node_index(g.node),
                layout.node_index(g.yard), layout.node_index(g.exit), std::nullopt, {},
                kernel::TimeWeighted(sim.now()), kernel::TimeWeighted(sim.now()), kernel::TimeWeighted(sim.now()),
                kernel::HourlyLevel(24, sim.now()),
                nullptr, nullptr, nullptr, nullptr, nullptr, Duration{}, streams.stream("arrivals/" + name),
                streams.stream("trucks/" + name), 0, {}};
      if (!g.inspection.empty()) rt.inspection = layout.node_index(g.inspection);
      rt.to_gate = layout.route(rt.entry, rt.node);
      rt.to_yard = layout.route(rt.node, rt.yard);
      rt.to_exit = layout.route(rt.yard, rt.exit);
      if (rt.inspection) {
        rt.to_inspection = layout.route(rt.node, *rt.inspection);
        rt.inspection_to_yard = layout.route(*rt.inspection, rt.yard);
      }
      rt.free_flow_to_gate = layout.route_time(*rt.to_gate);
      rt.rate_scale = cfg.demand.trucks_per_day * period_days * (g.demand_share / share_total) / profile_total;
      for (std::size_t li = 0; li < g.lanes.size(); ++li) {
        const LaneConfig& lc = g.lanes[li];
        LaneRt lane{&lc, static_cast<int>(gi), static_cast<int>(li), std::make_unique<Resource>(sim, 1), {}, true};
        for (std::size_t d = 0; d < lc.devices.size(); ++d) {
          DeviceRt dev{&device_config(lc.devices[d]), g.id + "/" + lc.id + "/" + lc.devices[d]};
          dev.gate = static_cast<int>(gi);
          dev.lane = static_cast<int>(li);
          dev.index_in_lane = static_cast<int>(d);
          lane.devices.push_back(devices.size());
          devices.push_back(dev);
        }
        rt.lanes.push_back(lanes.size());
        lanes.push_back(std::move(lane));
      }
      gates.push_back(std::move(rt));
    }
    for (const std::string& id : cfg.customs.xray_scanners) {
      DeviceRt dev{&device_config(id), "customs/" + id};
      scanner_devices.push_back(devices.size());
      devices.push_back(dev);
    }
    setup_selection();
  }

  // ---- customs selection ----

  double risk_score(const Truck& t) const {
    const boost::math::normal normal;
    double score = -1e9;
    for (int c = 0; c < t.containers; ++c) {
      const double z = boost::math::quantile(normal, std::clamp(t.u(u_risk0 + static_cast<std::size_t>(c)), 1e-9, 1 - 1e-9));
      score = std::max(score, z + (t.noncompliant[static_cast<std::size_t>(c)] ? risk_separation : 0.0));
    }
    return score;
  }

  // Thresholds on the risk score that spend the same inspection budget as random selection:
  // found on a large sample of trucks from the same attribute model (its own stream).
  void setup_selection() {
    const CustomsConfig& cu = cfg.customs;
    const double auc = std::clamp(cu.targeting_quality, 0.5, 0.999);
    risk_separation = std::sqrt(2.0) * boost::math::quantile(boost::math::normal(), auc);
    if (cu.selection != SelectionMode::Risk) return;
    kernel::Rng rng = streams.stream("customs/risk-thresholds");
    std::vector<std::pair<double, double>> scored;  // (score, weight)
    for (int i = 0; i < 40'000; ++i) {
      Truck t;
      t.key = rng();
      describe(t);
      if (t.containers == 0) continue;
      scored.emplace_back(risk_score(t), t.trusted ? cu.trusted_trader_multiplier : 1.0);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const auto threshold_for = [&](double rate) {
      const double target = rate * static_cast<double>(scored.size());
      double acc = 0;
      for (const auto& [score, weight] : scored) {
        acc += weight;
        if (acc >= target) return score;
      }
      return -1e9;
    };
    threshold_red = threshold_for(cu.red_rate);
    threshold_yellow = threshold_for(cu.red_rate + cu.yellow_rate);
  }

  Channel select(const Truck& t) const {
    if (t.containers == 0) return Channel::Green;  // empty trucks carry no declaration
    const CustomsConfig& cu = cfg.customs;
    const double mult = t.trusted ? cu.trusted_trader_multiplier : 1.0;
    if (cu.selection == SelectionMode::Random) {
      const double u = t.u(u_select);
      if (u < cu.red_rate * mult) return Channel::Red;
      if (u < (cu.red_rate + cu.yellow_rate) * mult) return Channel::Yellow;
      return Channel::Green;
    }
    // Risk mode: trusted traders pass the score check only with probability `mult`.
    if (t.trusted && t.u(u_select) >= mult) return Channel::Green;
    const double s = risk_score(t);
    if (s > threshold_red) return Channel::Red;
    if (s > threshold_yellow) return Channel::Yellow;
    return Channel::Green;
  }

  // ---- trucks ----

  /// Fills a truck's attributes from its uniforms (every scenario reads the same uniforms).
  void describe(Truck& t) const {
    const DemandConfig& d = cfg.demand;
    t.kind = t.u(u_kind) < d.import_share ? 0 : (t.u(u_kind) < d.import_share + d.export_share ? 1 : 2);
    t.containers = 0;
    if (t.kind != 2) {
      const double c = t.u(u_containers);
      t.containers = c < d.containers[0] ? 0 : (c < d.containers[0] + d.containers[1] ? 1 : 2);
      if (t.containers == 0) t.containers = 1;  // import pick-ups and export drop-offs carry one
    }
    t.rfid = t.u(u_rfid) < d.rfid_share;
    t.eplate = t.u(u_eplate) < d.eplate_share;
    t.trusted = t.u(u_trusted) < d.trusted_trader_share;
    for (std::size_t c = 0; c < 2; ++c) {
      t.eseal[c] = t.u(u_eseal0 + c) < d.eseal_share;
      t.noncompliant[c] = static_cast<int>(c) < t.containers && t.u(u_noncompliant0 + c) < d.noncompliance_rate;
    }
    const CustomsConfig& cu = cfg.customs;
    const double m = t.u(u_declaration);
    t.declaration = m < cu.paper_share ? DeclarationMode::Paper
                    : m < cu.paper_share + cu.electronic_share ? DeclarationMode::Electronic
                                                              : DeclarationMode::PreArrival;
  }

  std::size_t live_slot(const Truck& t) {
    std::size_t s;
    if (!free_live.empty()) {
      s = free_live.back();
      free_live.pop_back();
    } else {
      s = live.size();
      live.emplace_back();
    }
    live[s] = LiveTruck{true, t.id, TruckState::Travelling, t.gate, -1, -1, -1, {}, {}};
    return s;
  }

  bool eligible(const LaneRt& lane, const Truck& t) const {
    switch (lane.cfg->kind) {
      case LaneKind::General: return true;
      case LaneKind::TrustedTrader: return t.trusted;
      case LaneKind::AppointmentOnly: return t.appointment;
      case LaneKind::PaperlessOnly: return t.declaration != DeclarationMode::Paper;
    }
    return false;
  }

  bool is_free(const LaneRt& lane) const {
    return lane.open && !lane.reserved && lane.res->in_use() == 0 && lane.res->queue_length() == 0;
  }

  /// Common queue: the first free eligible lane, or SIZE_MAX.
  std::size_t free_lane(const GateRt& g, const Truck& t) const {
    if (!g.common_queue.empty()) return SIZE_MAX;  // first come, first served
    for (std::size_t li : g.lanes) {
      if (is_free(lanes[li]) && eligible(lanes[li], t)) return li;
    }
    return SIZE_MAX;
  }

  /// Common queue: hands every free lane to the first waiting truck eligible for it.
  void dispatch(GateRt& g) {
    for (std::size_t li : g.lanes) {
      LaneRt& lane = lanes[li];
      if (!is_free(lane)) continue;
      for (auto it = g.common_queue.begin(); it != g.common_queue.end(); ++it) {
        if (!eligible(lane, *it->truck)) continue;
        lane.reserved = true;
        kernel::Event<std::size_t>* ev = it->assigned;
        g.common_queue.erase(it);
        ev->trigger(li);
        break;
      }
    }
  }

  /// The shortest eligible queue among open lanes (closed ones only if none is open).
  std::size_t choose_lane(const GateRt& g, const Truck& t) const {
    std::size_t best = SIZE_MAX;
    std::int64_t best_load = 0;
    bool best_open = false;
    for (std::size_t li : g.lanes) {
      const LaneRt& lane = lanes[li];
      if (!eligible(lane, t)) continue;
      const std::int64_t load = lane.res->in_use() + lane.res->queue_length();
      if (best == SIZE_MAX || (lane.open && !best_open) || (lane.open == best_open && load < best_load)) {
        best = li;
        best_load = load;
        best_open = lane.open;
      }
    }
    return best;
  }

  double sample(const Distribution& d, double u) const { return std::max(0.0, d.quantile(u)); }

  /// Tries a device read; returns the time spent and whether it succeeded.
  std::pair<double, bool> read(std::size_t dev_index, double u_success, double u_time, const Truck& t) {
    DeviceRt& dev = devices[dev_index];
    if (!dev.up) return {0.0, false};
    const double time = sample(dev.cfg->read_time, u_time);
    ++dev.reads;
    dev.busy_s += time;
    if (u_success < dev.cfg->read_success) return {time, true};
    ++dev.failed_reads;
    notify(EventKind::SensorReadFailed, &t, dev.gate, dev.lane, dev.index_in_lane);
    return {time, false};
  }

  /// Lane service time in seconds: the pipeline identify, documents, seal, weigh, radiation.
  double lane_time(const LaneRt& lane, const Truck& t, int& manual) {
    const StepTimes& st = cfg.steps;
    double total = 0;
    // Identify: e-plate or RFID when the truck is tagged, else OCR; misread or down -> clerk.
    bool identified = false;
    std::size_t attempt = 0;
    for (std::size_t di : lane.devices) {
      const DeviceKind k = devices[di].cfg->kind;
      const bool applies = (k == DeviceKind::EplateReader && t.eplate) || (k == DeviceKind::RfidReader && t.rfid) ||
                           k == DeviceKind::OcrCamera;
      if (!applies || identified || attempt > 2) continue;
      const auto [time, ok] = read(di, t.u(u_read0 + attempt), t.u(u_device_time0 + attempt), t);
      ++attempt;
      total += time;
      identified = ok;
    }
    if (!identified) {
      total += sample(st.identify_manual, t.u(u_identify));
      ++manual;
    }
    // Documents.
    if (t.containers > 0) {
      if (t.declaration == DeclarationMode::Paper) {
        total += sample(st.documents_paper, t.u(u_documents));
      } else if (!system_up) {
        total += sample(st.documents_outage_fallback, t.u(u_documents));
        ++outage_fallbacks;
        ++manual;
      } else {
        total += sample(t.declaration == DeclarationMode::Electronic ? st.documents_electronic : st.documents_pre_arrival,
                        t.u(u_documents));
      }
    }
    // Seals, one per container.
    if (lane.cfg->check_seal) {
      for (int c = 0; c < t.containers; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        bool read_ok = false;
        if (t.eseal[ci]) {
          for (std::size_t di : lane.devices) {
            if (devices[di].cfg->kind != DeviceKind::EsealReader) continue;
            const auto [time, ok] = read(di, t.u(u_eseal_read0 + ci), t.u(u_device_time3), t);
            total += time;
            read_ok = ok;
            break;
          }
        }
        if (!read_ok) {
          total += sample(st.seal_manual_per_container, t.u(u_seal0 + ci));
          if (t.eseal[ci]) ++manual;
        }
      }
    }
    // Weighing.
    if (lane.cfg->weigh) {
      bool weighed = false;
      for (std::size_t di : lane.devices) {
        if (devices[di].cfg->kind != DeviceKind::WeighInMotion) continue;
        const auto [time, ok] = read(di, t.u(u_wim), t.u(u_weigh), t);
        total += time;
        weighed = ok;
        break;
      }
      if (!weighed) total += sample(st.weigh_static, t.u(u_weigh));
    }
    // Radiation screening.
    for (std::size_t di : lane.devices) {
      if (devices[di].cfg->kind != DeviceKind::RadiationPortal) continue;
      const auto [time, ok] = read(di, 0.0, t.u(u_radiation), t);
      total += ok ? time : sample(st.radiation_manual, t.u(u_radiation));
      break;
    }
    return total;
  }

  /// Before requesting a capacity-limited road: a truck that holds nothing yet (it stands on the
  /// public road) and finds the road full is spilled back. Returns whether it is.
  bool spill_begin(Truck& t, GateRt* public_road, const Resource& road, const Lease& held) {
    if (public_road == nullptr || held || road.available() > 0) return false;
    LiveTruck& lt = live[t.slot];
    lt.state = TruckState::SpilledBack;
    lt.road = -1;
    lt.node = static_cast<int>(public_road->entry);
    public_road->spill.add(sim.now(), 1);
    public_road->update_waiting(sim.now());
    notify(EventKind::SpilledBack, &t, public_road->index);
    return true;
  }
  /// After the road admitted a spilled-back truck: seconds it spent on the public road.
  double spill_end(GateRt& public_road, SimTime since) {
    public_road.spill.add(sim.now(), -1);
    public_road.update_waiting(sim.now());
    return kernel::to_seconds(sim.now() - since);
  }
  /// The truck enters road ri: live state for snapshots; returns the travel time.
  Duration enter_road(Truck& t, std::size_t ri) {
    LiveTruck& lt = live[t.slot];
    lt.route = nullptr;
    lt.state = TruckState::Travelling;
    lt.road = static_cast<int>(ri);
    lt.node = -1;
    lt.road_since = sim.now();
    lt.road_time = layout.roads()[ri].travel_time();
    return lt.road_time;
  }

  /// Drives along a route, holding a slot of each capacity-limited road until the next one is
  /// granted (A3: a full road blocks the one behind it). Waiting for the first road is time on the
  /// public road (spill-back) when `public_road` is set. truck_visit runs the same loop inline for
  /// the road to the gate (the common case, without a sub-process).
  Process drive(Simulation& s, Truck& t, const Layout::Route& route, Lease& held, GateRt* public_road,
                double& spilled_s) {
    for (std::size_t ri : route) {
      if (Resource* road = roads[ri].get()) {
        const SimTime from = s.now();
        const bool spilled = spill_begin(t, public_road, *road, held);
        Lease next = co_await road->request();
        if (spilled) spilled_s += spill_end(*public_road, from);
        held = std::move(next);
      } else {
        held.release();
      }
      co_await s.timeout(enter_road(t, ri));
    }
    live[t.slot].road = -1;
  }

  Process truck_visit(Simulation& s, Truck t) {
    GateRt& g = gates[static_cast<std::size_t>(t.gate)];
    ++arrived;
    notify(EventKind::Arrived, &t, t.gate);
    if (g.cfg->balk_queue > 0 && g.spill.level() >= g.cfg->balk_queue) {
      ++balked;
      notify(EventKind::Balked, &t, t.gate);
      co_return;
    }
    ++in_system;
    t.slot = live_slot(t);
    const SimTime arrived_at = s.now();
    for (int c = 0; c < t.containers; ++c) noncompliant_total += t.noncompliant[static_cast<std::size_t>(c)] ? 1u : 0u;
    Lease held;
    double spilled_s = 0;
    for (std::size_t ri : *g.to_gate) {  // drive() inlined: see there
      if (Resource* road = roads[ri].get()) {
        const SimTime from = s.now();
        const bool spilled = spill_begin(t, &g, *road, held);
        Lease next = co_await road->request();
        if (spilled) spilled_s += spill_end(g, from);
        held = std::move(next);
      } else {
        held.release();
      }
      co_await s.timeout(enter_road(t, ri));
    }
    live[t.slot].road = -1;

    // Pre-gate queue: wait for a lane while holding the buffer (last road) slot.
    const bool common = g.cfg->lane_choice == LaneChoice::CommonQueue;
    std::size_t li = common ? free_lane(g, t) : choose_lane(g, t);
    {
      LiveTruck& lt = live[t.slot];
      lt.state = TruckState::Queued;
      lt.lane = li == SIZE_MAX ? -1 : lanes[li].index;
      lt.node = static_cast<int>(g.node);
    }
    g.queue.add(s.now(), 1);
    g.update_waiting(s.now());
    notify(EventKind::Queued, &t, t.gate, li == SIZE_MAX ? -1 : lanes[li].index);
    if (common && li == SIZE_MAX) {
      kernel::Event<std::size_t> assigned(s);
      g.common_queue.push_back({&t, &assigned});
      li = co_await assigned;
    }
    LaneRt& lane = lanes[li];
    lane.reserved = false;
    Lease lane_lease = co_await lane.res->request();
    g.queue.add(s.now(), -1);
    g.update_waiting(s.now());
    held.release();
    const double pregate_s = kernel::to_seconds(s.now() - arrived_at - g.free_flow_to_gate);
    live[t.slot].state = TruckState::InService;
    notify(EventKind::LaneServiceStart, &t, t.gate, lane.index);

    int manual = 0;
    const double service_s = lane_time(lane, t, manual);
    fallbacks += static_cast<std::uint64_t>(manual);
    co_await s.timeout(kernel::to_duration(service_s));
    lane_lease.release();
    if (common) dispatch(g);
    notify(EventKind::LaneServiceEnd, &t, t.gate, lane.index);

    // Exceptions ("trouble tickets") are resolved at a side window.
    const CustomsConfig& cu = cfg.customs;
    if (t.u(u_ticket) < cu.trouble_ticket_rate) {
      ++tickets;
      co_await s.timeout(kernel::to_duration(sample(cu.trouble_ticket_time, t.u(u_ticket_time))));
    }

    // Customs channel.
    const Channel ch = select(t);
    ++channel[static_cast<std::size_t>(ch)];
    bool caught_now = false;
    double inspection_s = 0;
    const SimTime inspection_from = s.now();
    if (ch != Channel::Green) {
      live[t.slot].state = TruckState::SelectedForInspection;
      notify(EventKind::SelectedForInspection, &t, t.gate, lane.index, -1, ch);
      if (g.inspection) {
        if (route_info(g.to_inspection).second) {
          co_await s.start(drive(s, t, *g.to_inspection, held, nullptr, spilled_s));
        } else {
          co_await s.timeout(begin_free_drive(t, g.to_inspection, held));
        }
        live[t.slot].route = nullptr;
      }
      live[t.slot].state = TruckState::UnderInspection;
      live[t.slot].node = g.inspection ? static_cast<int>(*g.inspection) : static_cast<int>(g.node);
      notify(EventKind::InspectionStart, &t, t.gate, lane.index, -1, ch);
      const bool any_noncompliant = t.noncompliant[0] || t.noncompliant[1];
      if (ch == Channel::Yellow) {
        ++doc_checks;
        double check_s = 0;
        for (std::size_t a = 0; a < cu.agency_checks.size() && a < 4; ++a) {
          const double x = sample(cu.agency_checks[a], t.u(u_agency0 + a));
          check_s = cu.single_window ? std::max(check_s, x) : check_s + x;
        }
        const SimTime wait_from = s.now();
        Lease officer = co_await officers.request(1);
        idle_s += kernel::to_seconds(s.now() - wait_from);
        co_await s.timeout(kernel::to_duration(check_s));
        caught_now = any_noncompliant && t.u(u_doc_detect) < cu.document_check_detection_rate;
      } else {
        bool physical_needed = true;
        if (!scanner_devices.empty()) {
          const SimTime wait_from = s.now();
          Lease scanner = co_await scanners.request();
          idle_s += kernel::to_seconds(s.now() - wait_from);
          const DeviceConfig& xc = *devices[scanner_devices.front()].cfg;
          const double scan_s = sample(xc.read_time, t.u(u_xray_time)) * t.containers;
          co_await s.timeout(kernel::to_duration(scan_s));
          ++xray_scans;
          devices[scanner_devices.front()].busy_s += scan_s;
          ++devices[scanner_devices.front()].reads;
          physical_needed = t.u(u_xray_flag) < (any_noncompliant ? xc.detection_rate : xc.false_alarm_rate);
        }
        if (physical_needed) {
          ++physical;
          const SimTime wait_from = s.now();
          Lease bay = co_await bays.request();
          Lease officer = co_await officers.request(0);
          idle_s += kernel::to_seconds(s.now() - wait_from);
          co_await s.timeout(kernel::to_duration(sample(cu.physical_inspection, t.u(u_physical_time))));
          caught_now = any_noncompliant && t.u(u_physical_detect) < cu.physical_detection_rate;
        }
      }
      inspection_s = kernel::to_seconds(s.now() - inspection_from);
      notify(EventKind::InspectionEnd, &t, t.gate, lane.index, -1, ch);
      if (g.inspection) {
        if (route_info(g.inspection_to_yard).second) {
          co_await s.start(drive(s, t, *g.inspection_to_yard, held, nullptr, spilled_s));
        } else {
          co_await s.timeout(begin_free_drive(t, g.inspection_to_yard, held));
        }
      }
    } else if (route_info(g.to_yard).second) {
      co_await s.start(drive(s, t, *g.to_yard, held, nullptr, spilled_s));
    } else {
      co_await s.timeout(begin_free_drive(t, g.to_yard, held));
    }
    live[t.slot].route = nullptr;
    live[t.slot].state = TruckState::Released;
    live[t.slot].node = static_cast<int>(g.yard);
    notify(EventKind::Released, &t, t.gate, lane.index, -1, ch);
    held.release();

    const double yard_s = sample(cfg.yard_time, t.u(u_yard));
    if (route_info(g.to_exit).second) {
      co_await s.timeout(kernel::to_duration(yard_s));
      co_await s.start(drive(s, t, *g.to_exit, held, nullptr, spilled_s));
    } else {
      // Yard work and the drive out in one wait; the snapshot still shows the truck in the yard first.
      const Duration in_yard = kernel::to_duration(yard_s);
      co_await s.timeout(in_yard + begin_free_drive(t, g.to_exit, held, in_yard));
    }
    held.release();

    // Exit: record.
    const double turn_s = kernel::to_seconds(s.now() - arrived_at);
    --in_system;
    ++exited;
    hourly_exits.add(s.now());
    turn.add(turn_s / 60);
    pregate.add(pregate_s / 60);
    lane_service.add(service_s / 60);
    if (ch != Channel::Green) inspection.add(inspection_s / 60);
    yard.add(yard_s / 60);
    idle_s += pregate_s;
    const int nc = (t.noncompliant[0] ? 1 : 0) + (t.noncompliant[1] ? 1 : 0);
    if (caught_now) caught += static_cast<std::uint64_t>(nc); else missed += static_cast<std::uint64_t>(nc);
    notify(EventKind::Exited, &t, t.gate, lane.index, -1, ch);
    if (!port.observers_.empty()) {
      TruckRecord r;
      r.id = TruckId{t.id};
      r.gate = t.gate;
      r.lane = lane.index;
      r.kind = t.kind == 0 ? "import" : t.kind == 1 ? "export" : "empty";
      r.containers = t.containers;
      r.declaration = t.declaration;
      r.channel = ch;
      r.trusted_trader = t.trusted;
      r.appointment = t.appointment;
      r.arrived = arrived_at;
      r.exited = s.now();
      r.pregate_wait_s = pregate_s;
      r.spillback_s = spilled_s;
      r.lane_service_s = service_s;
      r.inspection_s = inspection_s;
      r.yard_s = yard_s;
      r.manual_fallbacks = manual;
      r.caught = caught_now;
      r.lane_start = arrived_at + g.free_flow_to_gate + kernel::to_duration(pregate_s);
      r.lane_end = r.lane_start + kernel::to_duration(service_s);
      for (PortObserver* o : port.observers_) o->on_truck_exit(r);
    }
    live[t.slot].used = false;
    free_live.push_back(t.slot);
  }

  Truck new_truck(GateRt& g, bool appointment) {
    Truck t;
    t.id = next_truck++;
    t.gate = g.index;
    t.key = g.draws();
    describe(t);
    t.appointment = appointment;
    return t;
  }

  // ---- demand ----

  double profile_weight(SimTime t) const {
    const auto& p = cfg.demand.profile;
    return p[kernel::HourlySeries::bin_of(t, p.size())];
  }

  /// Non-homogeneous Poisson arrivals by thinning against the profile's peak rate.
  Process profile_arrivals(Simulation& s, std::size_t gi, double share) {
    GateRt& g = gates[gi];
    const double peak = *std::max_element(cfg.demand.profile.begin(), cfg.demand.profile.end());
    const double max_rate_per_s = g.rate_scale * peak * share / 3600.0;
    if (max_rate_per_s <= 0) co_return;
    while (true) {
      const double u = kernel::uniform01(g.arrivals);
      co_await s.timeout(kernel::to_duration(-std::log1p(-u) / max_rate_per_s));
      if (kernel::uniform01(g.arrivals) * peak >= profile_weight(s.now())) continue;
      s.start(truck_visit(s, new_truck(g, false)));
    }
  }

  /// Renewal arrivals: independent gaps from one distribution (first truck after one gap).
  Process renewal_arrivals(Simulation& s, std::size_t gi) {
    GateRt& g = gates[gi];
    while (true) {
      co_await s.timeout(kernel::to_duration(cfg.demand.interarrival.quantile(kernel::uniform01(g.arrivals))));
      s.start(truck_visit(s, new_truck(g, false)));
    }
  }

  Process delayed_visit(Simulation& s, Duration delay, Truck t) {
    co_await s.timeout(delay);
    s.start(truck_visit(s, std::move(t)));
  }

  /// Appointment slots: bookings up to the slot cap, arrivals spread over the slot and shifted by
  /// punctuality, no-shows dropped; the rest of demand walks in by the profile.
  Process appointment_arrivals(Simulation& s, std::size_t gi) {
    GateRt& g = gates[gi];
    const AppointmentConfig& a = cfg.demand.appointments;
    const double booked_share = 1.0 - a.walk_in_share;
    double share_total = 0;
    for (const GateConfig& gc : cfg.gates) share_total += gc.demand_share;
    const double gate_share = g.cfg->demand_share / share_total;
    const double slot_h = kernel::to_hours(a.slot_length);
    double carried = 0;
    while (true) {
      // A2: demand above a slot's cap books the next slot with room (the peak is flattened,
      // trucks come later); turn time counts from arrival, so the shift itself is not a cost here.
      const double demand = g.rate_scale * profile_weight(s.now()) * slot_h * booked_share + carried;
      const double cap = a.slot_capacity * gate_share;
      const double booked = std::min(demand, cap);
      carried = demand - booked;
      const auto n = static_cast<int>(std::floor(booked + kernel::uniform01(g.arrivals)));
      for (int i = 0; i < n; ++i) {
        Truck t = new_truck(g, true);
        if (t.u(u_no_show) < a.no_show_rate) {
          ++no_shows;
          continue;
        }
        const double offset_s = t.u(u_punctuality) * kernel::to_seconds(a.slot_length) +
                                a.punctuality.quantile(t.u(u_late));
        s.start(delayed_visit(s, kernel::to_duration(std::max(0.0, offset_s)), std::move(t)));
      }
      co_await s.timeout(a.slot_length);
    }
  }

  // ---- operations ----

  Process lane_hours(Simulation& s, std::size_t li) {
    LaneRt& lane = lanes[li];
    const auto& windows = lane.cfg->open;
    while (true) {
      const Duration tod = time_of_day(s.now());
      bool open = false;
      for (const DailyWindow& w : windows) open = open || in_window(tod, w);
      if (open != lane.open) {
        lane.open = open;
        lane.res->set_capacity(open ? 1 : 0);
        notify(open ? EventKind::LaneOpened : EventKind::LaneClosed, nullptr, lane.gate, lane.index);
        if (open && gates[static_cast<std::size_t>(lane.gate)].cfg->lane_choice == LaneChoice::CommonQueue) {
          dispatch(gates[static_cast<std::size_t>(lane.gate)]);
        }
      }
      co_await s.timeout(until_next_boundary(s.now(), windows));
    }
  }

  Process officer_shifts(Simulation& s) {
    const auto& shifts = cfg.customs.officer_shifts;
    while (true) {
      const Duration tod = time_of_day(s.now());
      int on_duty = 0;
      for (const DailyWindow& w : shifts) on_duty += in_window(tod, w) ? w.count : 0;
      officers.set_capacity(on_duty);
      co_await s.timeout(until_next_boundary(s.now(), shifts));
    }
  }

  Process device_failures(Simulation& s, std::size_t di) {
    DeviceRt& dev = devices[di];
    kernel::Rng rng = streams.stream("device/" + dev.name);
    while (true) {
      co_await s.timeout(dev.cfg->time_to_failure->sample_duration(rng));
      dev.up = false;
      ++dev.failures;
      dev.down_since = s.now();
      const bool is_scanner = std::find(scanner_devices.begin(), scanner_devices.end(), di) != scanner_devices.end();
      if (is_scanner) scanners.set_capacity(scanners.capacity() - 1);
      notify(EventKind::DeviceDown, nullptr, dev.gate, dev.lane, dev.index_in_lane);
      co_await s.timeout(dev.cfg->repair_time.sample_duration(rng));
      dev.up = true;
      dev.down_s += kernel::to_seconds(s.now() - dev.down_since);
      if (is_scanner) scanners.set_capacity(scanners.capacity() + 1);
      notify(EventKind::DeviceUp, nullptr, dev.gate, dev.lane, dev.index_in_lane);
    }
  }

  /// One outage: the system is down from now for `length`, or until the disaster-recovery site
  /// has taken over, whichever comes first.
  Process outage(Simulation& s, Duration start, Duration length) {
    co_await s.timeout(start);
    Duration down = length;
    if (cfg.customs.dr_switchover) down = std::min(down, *cfg.customs.dr_switchover);
    system_up = false;
    notify(EventKind::SystemDown, nullptr);
    co_await s.timeout(down);
    system_up = true;
    notify(EventKind::SystemUp, nullptr);
  }

  Process random_outages(Simulation& s) {
    kernel::Rng rng = streams.stream("customs/outages");
    while (true) {
      co_await s.timeout(cfg.customs.outage_interval->sample_duration(rng));
      co_await s.start(outage(s, Duration{0}, cfg.customs.outage_repair.sample_duration(rng)));
    }
  }

  void start() {
    for (std::size_t gi = 0; gi < gates.size(); ++gi) {
      if (cfg.demand.mode == DemandMode::Profile) {
        sim.start(profile_arrivals(sim, gi, 1.0));
      } else if (cfg.demand.mode == DemandMode::Renewal) {
        sim.start(renewal_arrivals(sim, gi));
      } else {
        sim.start(appointment_arrivals(sim, gi));
        sim.start(profile_arrivals(sim, gi, cfg.demand.appointments.walk_in_share));
      }
    }
    for (std::size_t li = 0; li < lanes.size(); ++li) {
      if (!lanes[li].cfg->open.empty()) sim.start(lane_hours(sim, li));
    }
    for (std::size_t di = 0; di < devices.size(); ++di) {
      if (devices[di].cfg->time_to_failure) sim.start(device_failures(sim, di));
    }
    sim.start(officer_shifts(sim), kernel::priority_urgent);
    for (const OutageConfig& o : cfg.customs.outages) sim.start(outage(sim, o.start, o.duration));
    if (cfg.customs.outage_interval) sim.start(random_outages(sim));
  }

  void restart_statistics() {
    const SimTime now = sim.now();
    stats_start = now;
    turn.reset();
    pregate.reset();
    lane_service.reset();
    inspection.reset();
    yard.reset();
    arrived = exited = balked = no_shows = 0;
    channel = {};
    xray_scans = physical = doc_checks = noncompliant_total = caught = missed = 0;
    fallbacks = tickets = outage_fallbacks = 0;
    idle_s = 0;
    hourly_exits = kernel::HourlySeries(24);
    for (GateRt& g : gates) {
      g.queue.restart(now);
      g.spill.restart(now);
      g.waiting.restart(now);
      g.hourly = kernel::HourlyLevel(24, now);
    }
    for (LaneRt& l : lanes) l.res->restart_statistics();
    for (DeviceRt& d : devices) {
      d.reads = d.failed_reads = d.failures = 0;
      d.busy_s = d.down_s = 0;
      if (!d.up) d.down_since = now;
    }
    officers.restart_statistics();
    bays.restart_statistics();
    scanners.restart_statistics();
  }

  KpiList kpis() const {
    const SimTime now = sim.now();
    const double hours = std::max(1e-9, kernel::to_hours(now - stats_start));
    KpiList k;
    const auto add = [&](const std::string& name, const std::string& unit, double v) {
      k.push_back({name, unit, std::isfinite(v) ? v : 0.0});
    };
    add("trucks_arrived", "trucks", static_cast<double>(arrived));
    add("trucks_exited", "trucks", static_cast<double>(exited));
    add("trucks_in_system", "trucks", static_cast<double>(in_system));
    add("trucks_balked", "trucks", static_cast<double>(balked));
    add("appointment_no_shows", "trucks", static_cast<double>(no_shows));
    add("throughput_per_hour", "trucks/h", static_cast<double>(exited) / hours);
    add("turn_time_mean", "min", turn.mean());
    add("turn_time_p50", "min", turn.p50());
    add("turn_time_p90", "min", turn.p90());
    add("turn_time_p95", "min", turn.p95());
    add("turn_time_max", "min", turn.max());
    add("pregate_wait_mean", "min", pregate.mean());
    add("pregate_wait_p95", "min", pregate.p95());
    add("lane_service_mean", "min", lane_service.mean());
    add("lane_service_p95", "min", lane_service.p95());
    add("inspection_time_mean", "min", inspection.mean());
    add("yard_time_mean", "min", yard.mean());
    double queue_mean = 0, queue_max = 0, spill_mean = 0, spill_max = 0, peak_hour = 0, spill_area = 0;
    for (const GateRt& g : gates) {
      queue_mean += g.waiting.mean(now);
      queue_max = std::max(queue_max, g.waiting.max());
      spill_mean += g.spill.mean(now);
      spill_max = std::max(spill_max, g.spill.max());
      spill_area += g.spill.integral(now);
    }
    const auto hq = hourly_queue_profile();
    for (double v : hq) peak_hour = std::max(peak_hour, v);
    add("queue_length_mean", "trucks", queue_mean);
    add("queue_length_max", "trucks", queue_max);
    add("queue_peak_hour_mean", "trucks", peak_hour);
    add("spillback_truck_minutes", "truck-min", spill_area / 60);  // includes trucks still waiting
    add("spillback_mean", "trucks", spill_mean);
    add("spillback_max", "trucks", spill_max);
    double lane_util = 0;
    for (const LaneRt& l : lanes) lane_util += l.res->utilization();
    add("lane_utilization", "share", lanes.empty() ? 0 : lane_util / static_cast<double>(lanes.size()));
    double dev_busy = 0, dev_avail = 0, dev_down = 0;
    std::uint64_t reads = 0, failed = 0, failures = 0;
    double capex_year = 0;
    const double span_s = kernel::to_seconds(now - stats_start);
    for (const DeviceRt& d : devices) {
      dev_busy += d.busy_s;
      dev_avail += span_s;
      dev_down += d.down_s + (d.up ? 0 : kernel::to_seconds(now - d.down_since));
      reads += d.reads;
      failed += d.failed_reads;
      failures += d.failures;
      capex_year += d.cfg->capex / std::max(1e-9, d.cfg->lifetime_years) + d.cfg->opex_per_year;
    }
    add("device_utilization", "share", dev_avail > 0 ? dev_busy / dev_avail : 0);
    add("device_availability", "share", dev_avail > 0 ? 1 - dev_down / dev_avail : 1);
    add("device_reads", "reads", static_cast<double>(reads));
    add("device_read_failures", "reads", static_cast<double>(failed));
    add("device_failures", "failures", static_cast<double>(failures));
    add("manual_fallbacks", "steps", static_cast<double>(fallbacks));
    add("officer_utilization", "share", officers.utilization());
    add("scanner_utilization", "share", scanners.utilization());
    add("channel_green", "trucks", static_cast<double>(channel[0]));
    add("channel_yellow", "trucks", static_cast<double>(channel[1]));
    add("channel_red", "trucks", static_cast<double>(channel[2]));
    add("document_checks", "trucks", static_cast<double>(doc_checks));
    add("xray_scans", "trucks", static_cast<double>(xray_scans));
    add("physical_inspections", "trucks", static_cast<double>(physical));
    add("noncompliant_containers", "containers", static_cast<double>(noncompliant_total));
    add("noncompliant_caught", "containers", static_cast<double>(caught));
    add("noncompliant_missed", "containers", static_cast<double>(missed));
    add("trouble_tickets", "trucks", static_cast<double>(tickets));
    add("outage_manual_declarations", "trucks", static_cast<double>(outage_fallbacks));
    const double gallons = idle_s / 3600 * cfg.emissions.idle_fuel_gal_per_h;
    add("idle_fuel", "US gal", gallons);
    add("idle_co2", "kg", gallons * cfg.emissions.co2_kg_per_gal);
    add("idle_co2_per_truck", "kg/truck", exited > 0 ? gallons * cfg.emissions.co2_kg_per_gal / static_cast<double>(exited) : 0);
    const double cost = capex_year * span_s / (365.0 * 86400.0);
    add("device_cost", "currency", cost);
    add("device_cost_per_truck", "currency/truck", exited > 0 ? cost / static_cast<double>(exited) : 0);
    for (const GateRt& g : gates) {
      add("gate." + g.cfg->id + ".queue_mean", "trucks", g.waiting.mean(now));
      add("gate." + g.cfg->id + ".queue_max", "trucks", g.waiting.max());
      add("gate." + g.cfg->id + ".buffer_queue_mean", "trucks", g.queue.mean(now));
    }
    return k;
  }

  std::vector<double> hourly_queue_profile() const {
    std::vector<double> total(24, 0.0);
    for (const GateRt& g : gates) {
      kernel::HourlyLevel copy = g.hourly;
      copy.flush(sim.now());
      for (std::size_t h = 0; h < 24; ++h) {
        const double m = copy.mean(h);
        if (std::isfinite(m)) total[h] += m;
      }
    }
    return total;
  }
};

Port::Port(Simulation& sim, const ScenarioConfig& cfg, const kernel::RandomStreams& streams)
    : sim_(sim), cfg_(cfg) {
  const auto problems = check_model(cfg_);
  if (!problems.empty()) throw ModelError(problems.front().first, problems.front().second);
  layout_ = std::make_unique<Layout>(cfg_.nodes, cfg_.roads);
  impl_ = std::make_unique<Impl>(*this, sim_, cfg_, *layout_, streams);
  impl_->build();
}

Port::~Port() = default;

void Port::start() { impl_->start(); }
void Port::restart_statistics() { impl_->restart_statistics(); }
KpiList Port::kpis() const { return impl_->kpis(); }
std::vector<double> Port::hourly_queue() const { return impl_->hourly_queue_profile(); }
std::vector<double> Port::hourly_throughput() const {
  std::vector<double> v(24);
  const double days = std::max(1.0, std::ceil(kernel::to_hours(sim_.now() - impl_->stats_start) / 24.0));
  for (std::size_t h = 0; h < 24; ++h) v[h] = impl_->hourly_exits.sum(h) / days;
  return v;
}

Snapshot Port::snapshot() const {
  Snapshot s;
  s.time = sim_.now();
  s.system_up = impl_->system_up;
  s.trucks_exited = impl_->exited;
  for (const auto& lt : impl_->live) {
    if (!lt.used) continue;
    double progress = 0;
    int road = lt.road;
    int node = lt.node;
    TruckState state = lt.state;
    if (lt.route != nullptr && sim_.now() >= lt.route_since) {
      // Free-flow drive: find the road the truck is on by elapsed time.
      Duration elapsed = sim_.now() - lt.route_since;
      for (std::size_t ri : *lt.route) {
        const Duration d = layout_->roads()[ri].travel_time();
        road = static_cast<int>(ri);
        if (elapsed < d || ri == lt.route->back()) {
          progress = d.count() > 0 ? std::clamp(kernel::to_seconds(elapsed) / kernel::to_seconds(d), 0.0, 1.0) : 1.0;
          break;
        }
        elapsed -= d;
      }
      node = -1;
      if (state != TruckState::Released) state = TruckState::Travelling;
    } else if (road >= 0 && lt.road_time.count() > 0) {
      progress = std::clamp(kernel::to_seconds(sim_.now() - lt.road_since) / kernel::to_seconds(lt.road_time), 0.0, 1.0);
    }
    s.trucks.push_back({TruckId{lt.id}, state, lt.gate, lt.lane, road, progress, node});
  }
  for (const auto& l : impl_->lanes) {
    bool failed = false;
    for (std::size_t d : l.devices) failed = failed || !impl_->devices[d].up;
    s.lanes.push_back({l.gate, l.index, l.open, l.res->in_use() > 0, failed, static_cast<int>(l.res->queue_length())});
  }
  for (const auto& g : impl_->gates) {
    s.gate_queue.push_back(static_cast<int>(g.queue.level()));
    s.gate_spillback.push_back(static_cast<int>(g.spill.level()));
  }
  return s;
}

}  // namespace portsim::port
