#include "sim/io/scenario_loader.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "sim/port/names.hpp"
#include "sim/port/port.hpp"

namespace portsim::io {

using port::DailyWindow;
using port::ScenarioConfig;

std::string hash_text(const std::string& text) {
  const std::uint64_t h = kernel::fnv1a(text);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {

class ScenarioReader {
 public:
  explicit ScenarioReader(const YamlDocument& doc) : doc_(doc), r_(doc) {}

  ScenarioConfig read() {
    ScenarioConfig c;
    const YAML::Node& root = doc_.root();
    c.source_file = doc_.file();
    r_.check_keys(root, "", {"name", "description", "duration", "warmup", "demand", "layout", "devices", "steps",
                             "gates", "customs", "yard_time", "emissions"});
    at("", root);
    if (auto n = root["name"]) set(c.name, r_.text(n, "name"));
    if (auto n = root["duration"]) set(c.duration, positive_duration(n, "duration"));
    if (auto n = root["warmup"]) set(c.warmup, r_.duration(n, "warmup"));
    if (auto n = root["yard_time"]) set(c.yard_time, r_.distribution(n, "yard_time"));
    if (auto n = root["demand"]) read_demand(n, c.demand);
    if (auto n = root["layout"]) read_layout(n, c);
    else r_.problem(root, "layout", "missing: a scenario needs a layout with nodes and roads");
    if (auto n = root["devices"]) read_devices(n, c);
    if (auto n = root["steps"]) read_steps(n, c.steps);
    if (auto n = root["gates"]) read_gates(n, c);
    else r_.problem(root, "gates", "missing: a scenario needs at least one gate");
    if (auto n = root["customs"]) read_customs(n, c.customs);
    if (auto n = root["emissions"]) {
      if (r_.expect_map(n, "emissions")) {
        r_.check_keys(n, "emissions", {"idle_fuel_gal_per_h", "co2_kg_per_gal"});
        if (auto m = n["idle_fuel_gal_per_h"]) set(c.emissions.idle_fuel_gal_per_h, r_.number(m, "emissions.idle_fuel_gal_per_h", 0, HUGE_VAL));
        if (auto m = n["co2_kg_per_gal"]) set(c.emissions.co2_kg_per_gal, r_.number(m, "emissions.co2_kg_per_gal", 0, HUGE_VAL));
      }
    }
    if (r_.ok()) {
      // What only the model can check: references, node kinds, reachable routes.
      for (const auto& [path, message] : port::check_model(c)) r_.problem(node_for(path), path, message);
    }
    r_.throw_if_problems();
    return c;
  }

 private:
  template <class T, class U>
  static void set(T& target, const std::optional<U>& v) {
    if (v) target = static_cast<T>(*v);
  }

  /// One of E's names (the table in sim/port/names.hpp), as its value.
  template <class E>
  std::optional<E> enum_choice(const YAML::Node& n, const std::string& path) {
    if (const auto v = r_.choice(n, path, port::names_of<E>())) return port::parse_name<E>(*v);
    return std::nullopt;
  }
  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

  void at(const std::string& path, const YAML::Node& n) { nodes_[path] = n; }
  YAML::Node node_for(std::string path) const {
    while (true) {
      const auto it = nodes_.find(path);
      if (it != nodes_.end()) return it->second;
      const auto cut = path.find_last_of(".[");
      if (cut == std::string::npos) return doc_.root();
      path = path.substr(0, cut);
    }
  }

  std::optional<kernel::Duration> positive_duration(const YAML::Node& n, const std::string& path) {
    auto d = r_.duration(n, path);
    if (d && d->count() == 0) {
      r_.problem(n, path, "expected a duration > 0, got \"" + n.Scalar() + "\"");
      return std::nullopt;
    }
    return d;
  }

  std::optional<DailyWindow> window(const YAML::Node& n, const std::string& path) {
    const std::string expected = "expected a time-of-day window \"HH:MM-HH:MM\" (for example \"06:00-22:00\")";
    if (!n.IsScalar()) {
      r_.problem(n, path, expected + ", got a " + (n.IsMap() ? std::string("map") : std::string("list")));
      return std::nullopt;
    }
    int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
    char tail = 0;
    if (std::sscanf(n.Scalar().c_str(), "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 24 ||
        h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59) {
      r_.problem(n, path, expected + ", got \"" + n.Scalar() + "\"");
      return std::nullopt;
    }
    DailyWindow w;
    w.from = std::chrono::hours(h1) + std::chrono::minutes(m1);
    w.to = std::chrono::hours(h2) + std::chrono::minutes(m2);
    if (w.from == w.to) {
      r_.problem(n, path, "window \"" + n.Scalar() + "\" is empty");
      return std::nullopt;
    }
    if (w.to == std::chrono::hours(24)) w.to = std::chrono::hours(0);
    if (w.from == std::chrono::hours(24)) w.from = std::chrono::hours(0);
    if (w.from == w.to) w.to = std::chrono::hours(24);  // "00:00-24:00": all day
    return w;
  }

  void read_demand(const YAML::Node& n, port::DemandConfig& d) {
    if (!r_.expect_map(n, "demand")) return;
    at("demand", n);
    r_.check_keys(n, "demand", {"mode", "trucks_per_day", "profile", "import_share", "export_share", "container_probs",
                                "forty_foot_share", "rfid_share", "eplate_share", "trusted_trader_share", "eseal_share",
                                "noncompliance_rate", "appointments", "interarrival"});
    if (auto m = n["mode"]) {
      set(d.mode, enum_choice<port::DemandMode>(m, "demand.mode"));
    }
    if (auto m = n["interarrival"]) {
      auto v = r_.distribution(m, "demand.interarrival");
      if (v && v->mean() <= 0) {
        r_.problem(m, "demand.interarrival", "the mean gap between trucks must be > 0");
        v.reset();
      }
      set(d.interarrival, v);
    }
    if (auto m = n["trucks_per_day"]) set(d.trucks_per_day, r_.number(m, "demand.trucks_per_day", 0, HUGE_VAL));
    if (auto m = n["profile"]) {
      if (r_.expect_list(m, "demand.profile")) {
        if (m.size() != 24 && m.size() != 168) {
          r_.problem(m, "demand.profile", "expected 24 (hour of day) or 168 (hour of week) weights, got " + std::to_string(m.size()));
        } else {
          d.profile.clear();
          double total = 0;
          for (std::size_t i = 0; i < m.size(); ++i) {
            const auto v = r_.number(m[i], "demand.profile[" + std::to_string(i) + "]", 0, HUGE_VAL);
            d.profile.push_back(v.value_or(0));
            total += v.value_or(0);
          }
          if (total <= 0) r_.problem(m, "demand.profile", "the weights must not all be 0");
        }
      }
    }
    if (auto m = n["import_share"]) set(d.import_share, r_.probability(m, "demand.import_share"));
    if (auto m = n["export_share"]) set(d.export_share, r_.probability(m, "demand.export_share"));
    if (d.import_share + d.export_share > 1 + 1e-9) {
      r_.problem(n["export_share"] ? n["export_share"] : n, "demand.export_share", "import_share + export_share must be <= 1");
    }
    if (auto m = n["container_probs"]) {
      if (r_.expect_list(m, "demand.container_probs")) {
        if (m.size() != 3) {
          r_.problem(m, "demand.container_probs", "expected 3 probabilities (0, 1 and 2 containers), got " + std::to_string(m.size()));
        } else {
          double total = 0;
          for (std::size_t i = 0; i < 3; ++i) {
            d.containers[i] = r_.probability(m[i], "demand.container_probs[" + std::to_string(i) + "]").value_or(0);
            total += d.containers[i];
          }
          if (std::fabs(total - 1) > 1e-6) r_.problem(m, "demand.container_probs", "the probabilities must sum to 1");
        }
      }
    }
    if (auto m = n["forty_foot_share"]) set(d.forty_foot_share, r_.probability(m, "demand.forty_foot_share"));
    if (auto m = n["rfid_share"]) set(d.rfid_share, r_.probability(m, "demand.rfid_share"));
    if (auto m = n["eplate_share"]) set(d.eplate_share, r_.probability(m, "demand.eplate_share"));
    if (auto m = n["trusted_trader_share"]) set(d.trusted_trader_share, r_.probability(m, "demand.trusted_trader_share"));
    if (auto m = n["eseal_share"]) set(d.eseal_share, r_.probability(m, "demand.eseal_share"));
    if (auto m = n["noncompliance_rate"]) set(d.noncompliance_rate, r_.probability(m, "demand.noncompliance_rate"));
    if (auto a = n["appointments"]) {
      if (!r_.expect_map(a, "demand.appointments")) return;
      const std::string p = "demand.appointments";
      r_.check_keys(a, p, {"slot_length", "slot_capacity", "punctuality", "no_show_rate", "walk_in_share"});
      if (auto m = a["slot_length"]) set(d.appointments.slot_length, positive_duration(m, p + ".slot_length"));
      if (auto m = a["slot_capacity"]) set(d.appointments.slot_capacity, r_.integer(m, p + ".slot_capacity", 0, 1000000));
      if (auto m = a["punctuality"]) set(d.appointments.punctuality, r_.distribution(m, p + ".punctuality"));
      if (auto m = a["no_show_rate"]) set(d.appointments.no_show_rate, r_.probability(m, p + ".no_show_rate"));
      if (auto m = a["walk_in_share"]) set(d.appointments.walk_in_share, r_.probability(m, p + ".walk_in_share"));
    }
  }

  void read_layout(const YAML::Node& n, ScenarioConfig& c) {
    if (!r_.expect_map(n, "layout")) return;
    at("layout", n);
    r_.check_keys(n, "layout", {"nodes", "roads"});
    const YAML::Node nodes = n["nodes"];
    if (!nodes) r_.problem(n, "layout.nodes", "missing: the layout needs nodes");
    else if (r_.expect_list(nodes, "layout.nodes")) {
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string p = "layout.nodes[" + std::to_string(i) + "]";
        const YAML::Node m = nodes[i];
        at(p, m);
        if (!r_.expect_map(m, p)) continue;
        r_.check_keys(m, p, {"id", "kind", "x_m", "y_m"});
        port::NodeConfig nc;
        if (auto x = m["id"]) { set(nc.id, r_.text(x, p + ".id")); at(p + ".id", x); }
        else r_.problem(m, p + ".id", "missing: every node needs an id");
        if (auto x = m["kind"]) {
          set(nc.kind, enum_choice<port::NodeKind>(x, p + ".kind"));
        } else {
          r_.problem(m, p + ".kind", "missing: expected one of " + join(port::names_of<port::NodeKind>()));
        }
        if (auto x = m["x_m"]) set(nc.x_m, r_.number(x, p + ".x_m", -HUGE_VAL, HUGE_VAL));
        if (auto x = m["y_m"]) set(nc.y_m, r_.number(x, p + ".y_m", -HUGE_VAL, HUGE_VAL));
        c.nodes.push_back(nc);
      }
    }
    const YAML::Node roads = n["roads"];
    if (!roads) return;
    if (!r_.expect_list(roads, "layout.roads")) return;
    for (std::size_t i = 0; i < roads.size(); ++i) {
      const std::string p = "layout.roads[" + std::to_string(i) + "]";
      const YAML::Node m = roads[i];
      at(p, m);
      if (!r_.expect_map(m, p)) continue;
      r_.check_keys(m, p, {"from", "to", "length_m", "speed_kmh", "capacity_trucks"});
      port::RoadConfig rc;
      if (auto x = m["from"]) { set(rc.from, r_.text(x, p + ".from")); at(p + ".from", x); }
      else r_.problem(m, p + ".from", "missing: a road needs from and to nodes");
      if (auto x = m["to"]) { set(rc.to, r_.text(x, p + ".to")); at(p + ".to", x); }
      else r_.problem(m, p + ".to", "missing: a road needs from and to nodes");
      if (auto x = m["length_m"]) set(rc.length_m, r_.number(x, p + ".length_m", 0, HUGE_VAL));
      if (auto x = m["speed_kmh"]) {
        auto v = r_.number(x, p + ".speed_kmh", 0, 200);
        if (v && *v <= 0) { r_.problem(x, p + ".speed_kmh", "expected a speed > 0, got 0"); v.reset(); }
        set(rc.speed_kmh, v);
      }
      if (auto x = m["capacity_trucks"]) set(rc.capacity_trucks, r_.integer(x, p + ".capacity_trucks", 0, 1000000));
      c.roads.push_back(rc);
    }
  }

  void read_devices(const YAML::Node& n, ScenarioConfig& c) {
    if (!r_.expect_list(n, "devices")) return;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string p = "devices[" + std::to_string(i) + "]";
      const YAML::Node m = n[i];
      at(p, m);
      if (!r_.expect_map(m, p)) continue;
      r_.check_keys(m, p, {"id", "kind", "read_time", "read_success", "time_to_failure", "repair_time", "capex",
                           "opex_per_year", "lifetime_years", "detection_rate", "false_alarm_rate"});
      port::DeviceConfig d;
      if (auto x = m["id"]) set(d.id, r_.text(x, p + ".id"));
      else r_.problem(m, p + ".id", "missing: every device needs an id");
      if (auto x = m["kind"]) {
        set(d.kind, enum_choice<port::DeviceKind>(x, p + ".kind"));
      } else {
        r_.problem(m, p + ".kind", "missing: expected one of " + join(port::names_of<port::DeviceKind>()));
      }
      if (auto x = m["read_time"]) set(d.read_time, r_.distribution(x, p + ".read_time"));
      if (auto x = m["read_success"]) set(d.read_success, r_.probability(x, p + ".read_success"));
      if (auto x = m["time_to_failure"]) {
        if (!(x.IsScalar() && x.Scalar() == "never")) {
          if (auto v = r_.distribution(x, p + ".time_to_failure")) d.time_to_failure = *v;
        }
      }
      if (auto x = m["repair_time"]) set(d.repair_time, r_.distribution(x, p + ".repair_time"));
      if (auto x = m["capex"]) set(d.capex, r_.number(x, p + ".capex", 0, HUGE_VAL));
      if (auto x = m["opex_per_year"]) set(d.opex_per_year, r_.number(x, p + ".opex_per_year", 0, HUGE_VAL));
      if (auto x = m["lifetime_years"]) {
        auto v = r_.number(x, p + ".lifetime_years", 0, HUGE_VAL);
        if (v && *v <= 0) { r_.problem(x, p + ".lifetime_years", "expected a number > 0, got 0"); v.reset(); }
        set(d.lifetime_years, v);
      }
      if (auto x = m["detection_rate"]) set(d.detection_rate, r_.probability(x, p + ".detection_rate"));
      if (auto x = m["false_alarm_rate"]) set(d.false_alarm_rate, r_.probability(x, p + ".false_alarm_rate"));
      for (const auto& other : c.devices) {
        if (other.id == d.id && !d.id.empty()) r_.problem(m["id"], p + ".id", "duplicate device id \"" + d.id + "\"");
      }
      c.devices.push_back(d);
    }
  }

  void read_steps(const YAML::Node& n, port::StepTimes& s) {
    if (!r_.expect_map(n, "steps")) return;
    const std::vector<std::pair<std::string, kernel::Distribution*>> fields{
        {"identify_manual", &s.identify_manual},
        {"documents_paper", &s.documents_paper},
        {"documents_electronic", &s.documents_electronic},
        {"documents_pre_arrival", &s.documents_pre_arrival},
        {"documents_outage_fallback", &s.documents_outage_fallback},
        {"seal_manual_per_container", &s.seal_manual_per_container},
        {"weigh_static", &s.weigh_static},
        {"radiation_manual", &s.radiation_manual}};
    std::vector<std::string> keys;
    for (const auto& f : fields) keys.push_back(f.first);
    r_.check_keys(n, "steps", keys);
    for (const auto& [key, target] : fields) {
      if (auto x = n[key]) set(*target, r_.distribution(x, "steps." + key));
    }
  }

  void read_gates(const YAML::Node& n, ScenarioConfig& c) {
    if (!r_.expect_list(n, "gates")) return;
    at("gates", n);
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string p = "gates[" + std::to_string(i) + "]";
      const YAML::Node m = n[i];
      at(p, m);
      if (!r_.expect_map(m, p)) continue;
      r_.check_keys(m, p, {"id", "node", "entry", "yard", "exit", "inspection", "demand_share", "lanes", "balk_queue",
                           "lane_choice"});

      port::GateConfig g;
      if (auto x = m["lane_choice"]) {
        set(g.lane_choice, enum_choice<port::LaneChoice>(x, p + ".lane_choice"));
      }
      if (auto x = m["id"]) set(g.id, r_.text(x, p + ".id"));
      else r_.problem(m, p + ".id", "missing: every gate needs an id");
      for (const auto& [key, target] : std::vector<std::pair<std::string, std::string*>>{
               {"node", &g.node}, {"entry", &g.entry}, {"yard", &g.yard}, {"exit", &g.exit}, {"inspection", &g.inspection}}) {
        if (auto x = m[key]) { set(*target, r_.text(x, p + "." + key)); at(p + "." + key, x); }
      }
      if (auto x = m["demand_share"]) set(g.demand_share, r_.number(x, p + ".demand_share", 0, HUGE_VAL));
      if (auto x = m["balk_queue"]) set(g.balk_queue, r_.integer(x, p + ".balk_queue", 0, 1000000));
      const YAML::Node lanes = m["lanes"];
      if (!lanes) {
        r_.problem(m, p + ".lanes", "missing: a gate needs a list of lanes");
      } else if (r_.expect_list(lanes, p + ".lanes")) {
        at(p + ".lanes", lanes);
        for (std::size_t l = 0; l < lanes.size(); ++l) {
          const std::string lp = p + ".lanes[" + std::to_string(l) + "]";
          const YAML::Node lm = lanes[l];
          at(lp, lm);
          if (!r_.expect_map(lm, lp)) continue;
          r_.check_keys(lm, lp, {"id", "kind", "count", "open", "devices", "weigh", "check_seal"});
          port::LaneConfig lane;
          if (auto x = lm["id"]) set(lane.id, r_.text(x, lp + ".id"));
          else lane.id = "lane" + std::to_string(l + 1);
          if (auto x = lm["kind"]) {
            set(lane.kind, enum_choice<port::LaneKind>(x, lp + ".kind"));
          }
          long long count = 1;
          if (auto x = lm["count"]) count = r_.integer(x, lp + ".count", 1, 1000).value_or(1);
          if (auto x = lm["open"]) {
            if (r_.expect_list(x, lp + ".open")) {
              for (std::size_t w = 0; w < x.size(); ++w) {
                if (auto v = window(x[w], lp + ".open[" + std::to_string(w) + "]")) lane.open.push_back(*v);
              }
            }
          }
          if (auto x = lm["devices"]) {
            if (r_.expect_list(x, lp + ".devices")) {
              for (std::size_t d = 0; d < x.size(); ++d) {
                const std::string dp = lp + ".devices[" + std::to_string(d) + "]";
                at(dp, x[d]);
                if (auto v = r_.text(x[d], dp)) lane.devices.push_back(*v);
              }
            }
          }
          if (auto x = lm["weigh"]) set(lane.weigh, r_.boolean(x, lp + ".weigh"));
          if (auto x = lm["check_seal"]) set(lane.check_seal, r_.boolean(x, lp + ".check_seal"));
          for (long long k = 0; k < count; ++k) {
            port::LaneConfig copy = lane;
            if (count > 1) copy.id = lane.id + "-" + std::to_string(k + 1);
            g.lanes.push_back(copy);
          }
        }
      }
      c.gates.push_back(g);
    }
  }

  void read_customs(const YAML::Node& n, port::CustomsConfig& cu) {
    if (!r_.expect_map(n, "customs")) return;
    at("customs", n);
    r_.check_keys(n, "customs", {"declarations", "selection", "single_window", "agency_checks", "outages",
                                 "random_outages", "dr_switchover", "officer_shifts", "inspection_bays",
                                 "physical_inspection", "physical_detection_rate", "document_check_detection_rate",
                                 "xray_scanners", "trouble_ticket_rate", "trouble_ticket_time"});
    if (auto d = n["declarations"]) {
      if (r_.expect_map(d, "customs.declarations")) {
        r_.check_keys(d, "customs.declarations", {"paper", "electronic", "pre_arrival"});
        double paper = 0, electronic = 0, pre = 0;
        if (auto x = d["paper"]) paper = r_.probability(x, "customs.declarations.paper").value_or(0);
        if (auto x = d["electronic"]) electronic = r_.probability(x, "customs.declarations.electronic").value_or(0);
        if (auto x = d["pre_arrival"]) pre = r_.probability(x, "customs.declarations.pre_arrival").value_or(0);
        if (std::fabs(paper + electronic + pre - 1) > 1e-6) {
          r_.problem(d, "customs.declarations", "paper + electronic + pre_arrival must sum to 1, got " +
                                                    std::to_string(paper + electronic + pre));
        }
        cu.paper_share = paper;
        cu.electronic_share = electronic;
      }
    }
    if (auto s = n["selection"]) {
      if (r_.expect_map(s, "customs.selection")) {
        const std::string p = "customs.selection";
        r_.check_keys(s, p, {"mode", "yellow_rate", "red_rate", "targeting_quality", "trusted_trader_multiplier"});
        if (auto x = s["mode"]) {
          set(cu.selection, enum_choice<port::SelectionMode>(x, p + ".mode"));
        }
        if (auto x = s["yellow_rate"]) set(cu.yellow_rate, r_.probability(x, p + ".yellow_rate"));
        if (auto x = s["red_rate"]) set(cu.red_rate, r_.probability(x, p + ".red_rate"));
        if (cu.red_rate + cu.yellow_rate > 1 + 1e-9) r_.problem(s, p, "yellow_rate + red_rate must be <= 1");
        if (auto x = s["targeting_quality"]) set(cu.targeting_quality, r_.number(x, p + ".targeting_quality", 0.5, 0.999));
        if (auto x = s["trusted_trader_multiplier"]) set(cu.trusted_trader_multiplier, r_.probability(x, p + ".trusted_trader_multiplier"));
      }
    }
    if (auto x = n["single_window"]) set(cu.single_window, r_.boolean(x, "customs.single_window"));
    if (auto x = n["agency_checks"]) {
      if (r_.expect_list(x, "customs.agency_checks")) {
        cu.agency_checks.clear();
        if (x.size() > 4) r_.problem(x, "customs.agency_checks", "at most 4 agency checks are modelled, got " + std::to_string(x.size()));
        for (std::size_t i = 0; i < x.size(); ++i) {
          if (auto v = r_.distribution(x[i], "customs.agency_checks[" + std::to_string(i) + "]")) cu.agency_checks.push_back(*v);
        }
      }
    }
    if (auto x = n["outages"]) {
      if (r_.expect_list(x, "customs.outages")) {
        for (std::size_t i = 0; i < x.size(); ++i) {
          const std::string p = "customs.outages[" + std::to_string(i) + "]";
          if (!r_.expect_map(x[i], p)) continue;
          r_.check_keys(x[i], p, {"start", "duration"});
          port::OutageConfig o;
          if (auto v = x[i]["start"]) set(o.start, r_.duration(v, p + ".start"));
          else r_.problem(x[i], p + ".start", "missing: when the outage starts, such as \"16h\"");
          if (auto v = x[i]["duration"]) set(o.duration, positive_duration(v, p + ".duration"));
          else r_.problem(x[i], p + ".duration", "missing: how long the outage lasts, such as \"2h\"");
          cu.outages.push_back(o);
        }
      }
    }
    if (auto x = n["random_outages"]) {
      if (r_.expect_map(x, "customs.random_outages")) {
        r_.check_keys(x, "customs.random_outages", {"interval", "repair"});
        if (auto v = x["interval"]) {
          if (auto d = r_.distribution(v, "customs.random_outages.interval")) cu.outage_interval = *d;
        }
        if (auto v = x["repair"]) set(cu.outage_repair, r_.distribution(v, "customs.random_outages.repair"));
      }
    }
    if (auto x = n["dr_switchover"]) {
      if (auto d = r_.duration(x, "customs.dr_switchover")) cu.dr_switchover = *d;
    }
    if (auto x = n["officer_shifts"]) {
      if (r_.expect_list(x, "customs.officer_shifts")) {
        cu.officer_shifts.clear();
        for (std::size_t i = 0; i < x.size(); ++i) {
          const std::string p = "customs.officer_shifts[" + std::to_string(i) + "]";
          if (!r_.expect_map(x[i], p)) continue;
          r_.check_keys(x[i], p, {"hours", "officers"});
          std::optional<DailyWindow> w;
          if (auto v = x[i]["hours"]) w = window(v, p + ".hours");
          else r_.problem(x[i], p + ".hours", "missing: the shift's hours, such as \"06:00-14:00\"");
          long long count = 0;
          if (auto v = x[i]["officers"]) count = r_.integer(v, p + ".officers", 0, 100000).value_or(0);
          else r_.problem(x[i], p + ".officers", "missing: how many officers are on duty");
          if (w) {
            w->count = static_cast<int>(count);
            cu.officer_shifts.push_back(*w);
          }
        }
      }
    }
    if (auto x = n["inspection_bays"]) set(cu.inspection_bays, r_.integer(x, "customs.inspection_bays", 1, 100000));
    if (auto x = n["physical_inspection"]) set(cu.physical_inspection, r_.distribution(x, "customs.physical_inspection"));
    if (auto x = n["physical_detection_rate"]) set(cu.physical_detection_rate, r_.probability(x, "customs.physical_detection_rate"));
    if (auto x = n["document_check_detection_rate"]) set(cu.document_check_detection_rate, r_.probability(x, "customs.document_check_detection_rate"));
    if (auto x = n["xray_scanners"]) {
      if (r_.expect_list(x, "customs.xray_scanners")) {
        for (std::size_t i = 0; i < x.size(); ++i) {
          const std::string p = "customs.xray_scanners[" + std::to_string(i) + "]";
          at(p, x[i]);
          if (auto v = r_.text(x[i], p)) cu.xray_scanners.push_back(*v);
        }
      }
    }
    if (auto x = n["trouble_ticket_rate"]) set(cu.trouble_ticket_rate, r_.probability(x, "customs.trouble_ticket_rate"));
    if (auto x = n["trouble_ticket_time"]) set(cu.trouble_ticket_time, r_.distribution(x, "customs.trouble_ticket_time"));
  }

  const YamlDocument& doc_;
  YamlReader r_;
  std::map<std::string, YAML::Node> nodes_;
};

}  // namespace

LoadedScenario load_scenario(const YamlDocument& doc) {
  LoadedScenario s;
  s.config = ScenarioReader(doc).read();
  s.canonical_text = doc.dump();
  s.hash = hash_text(s.canonical_text);
  s.files = doc.files();
  return s;
}

LoadedScenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  YamlDocument doc = YamlDocument::load(file);
  for (const auto& o : overrides) doc.set(o);
  return load_scenario(doc);
}

}  // namespace portsim::io
