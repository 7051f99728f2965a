#include "sim/io/scenario_schema.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/io/clearance_schema.hpp"
#include "sim/port/truck.hpp"

namespace portsim::io {

using namespace port;
using schema_detail::number_text;

namespace {

constexpr int max_count = 1000000;  // integer keys without a natural bound (capacities, queues)
// Size limits, each far beyond any port (the run's memory and time grow with them):
constexpr double max_trucks_per_day = 100000;  // 4 x Yantian's 25,000 (DOMAIN.md §4)
constexpr double max_weight = 1e6;             // relative weights and shares
constexpr double min_weight_sum = 1e-6;        // smaller sums overflow the rate they divide
constexpr double max_position_m = 1e7;         // 10,000 km
constexpr double max_cost = 1e12;              // per device, and per device and year
constexpr double max_emission_factor = 1000;   // per hour idling, per gallon
/// A time the model repeats in a loop (failures, outages, renewal gaps, slots): its mean is at
/// least this, so that every loop advances time.
constexpr kernel::Duration min_repeat = std::chrono::seconds(1);

template <class E>
std::string one_of() {
  std::string out;
  for (const auto& name : names_of<E>()) out += (out.empty() ? "" : ", ") + name;
  return "missing: expected one of " + out;
}

// ---- demand ----

Table<AppointmentConfig> appointment_table() {
  Table<AppointmentConfig> t;
  t.field("slot_length", &AppointmentConfig::slot_length, "length of a booking slot").above(0).repeats(min_repeat);
  t.field("slot_capacity", &AppointmentConfig::slot_capacity, "trucks per slot, all gates together")
      .range(0, max_count)
      .unit("trucks");
  t.field("punctuality", &AppointmentConfig::punctuality, "arrival offset from the booked time (positive: late)")
      .may_be_negative();
  t.field("no_show_rate", &AppointmentConfig::no_show_rate, "share of booked trucks that do not come").probability();
  t.field("walk_in_share", &AppointmentConfig::walk_in_share, "share of demand without an appointment (arrives by the profile)")
      .probability();
  return t;
}

Table<DemandConfig> demand_table() {
  Table<DemandConfig> t;
  t.field("mode", &DemandConfig::mode,
          "`profile`: Poisson arrivals with hourly weights; `appointments`: booked slots plus walk-ins; "
          "`renewal`: gaps drawn from `interarrival` at each gate");
  t.field("interarrival", &DemandConfig::interarrival, "renewal mode: gap between two trucks of a gate")
      .repeats(min_repeat);
  t.field("trucks_per_day", &DemandConfig::trucks_per_day, "trucks arriving per day, all gates together")
      .range(0, max_trucks_per_day)
      .unit("trucks/day");
  t.list("profile", &DemandConfig::profile, "relative arrival weights by hour of day (24, from 00:00) or hour of week (168)")
      .range(0, max_weight)
      .sizes({24, 168}, "expected 24 (hour of day) or 168 (hour of week) weights");
  t.rule("the `profile` weights must not all be 0 (their sum must be at least " + number_text(min_weight_sum) + ")",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, DemandConfig& d) {
           const YAML::Node m = n["profile"];
           if (m && m.IsSequence() && m.size() != d.profile.size()) return;  // a weight is refused already
           const double sum = std::accumulate(d.profile.begin(), d.profile.end(), 0.0);
           if (m && sum <= 0) {
             r.problem(m, path + ".profile", "the weights must not all be 0");
           } else if (m && sum < min_weight_sum) {
             r.problem(m, path + ".profile",
                       "the weights sum to " + number_text(sum) + ", less than " + number_text(min_weight_sum));
           }
         });
  t.field("import_share", &DemandConfig::import_share, "share of trucks picking up an import container").probability();
  t.field("export_share", &DemandConfig::export_share, "share of trucks dropping off an export container (the rest run empty)")
      .probability();
  t.rule("`import_share + export_share` must be <= 1",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, DemandConfig& d) {
           if (d.import_share + d.export_share > 1 + 1e-9) {
             r.problem(n["export_share"] ? n["export_share"] : n, path + ".export_share",
                       "import_share + export_share must be <= 1");
           }
         });
  t.list("container_probs", &DemandConfig::containers, "probabilities of 0, 1 and 2 containers on a truck")
      .probability()
      .wrong_size("expected 3 probabilities (0, 1 and 2 containers)");
  t.rule("the `container_probs` must sum to 1",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, DemandConfig& d) {
           const YAML::Node m = n["container_probs"];
           if (m && std::fabs(std::accumulate(d.containers.begin(), d.containers.end(), 0.0) - 1) > 1e-6) {
             r.problem(m, path + ".container_probs", "the probabilities must sum to 1");
           }
         });
  t.field("forty_foot_share", &DemandConfig::forty_foot_share,
          "share of 40-foot containers (recorded only: no step time depends on container size yet)")
      .probability();
  t.field("rfid_share", &DemandConfig::rfid_share, "share of trucks with an RFID tag").probability();
  t.field("eplate_share", &DemandConfig::eplate_share, "share of trucks with an electronic plate").probability();
  t.field("trusted_trader_share", &DemandConfig::trusted_trader_share, "share of trucks of trusted traders (AEO)")
      .probability();
  t.field("eseal_share", &DemandConfig::eseal_share, "share of containers with an electronic seal").probability();
  t.field("noncompliance_rate", &DemandConfig::noncompliance_rate,
          "share of containers whose cargo breaks a rule (hidden from customs)")
      .probability();
  t.map("appointments", &DemandConfig::appointments, appointment_table(), "appointments mode: the booking slots");
  return t;
}

// ---- layout and devices ----

Table<NodeConfig> node_table() {
  Table<NodeConfig> t;
  t.field("id", &NodeConfig::id, "name that roads and gates refer to").required("missing: every node needs an id").located();
  t.field("kind", &NodeConfig::kind, "what the node is").required(one_of<NodeKind>());
  t.field("x_m", &NodeConfig::x_m, "position east, for drawing").range(-max_position_m, max_position_m).unit("m");
  t.field("y_m", &NodeConfig::y_m, "position north, for drawing").range(-max_position_m, max_position_m).unit("m");
  return t;
}

Table<RoadConfig> road_table() {
  Table<RoadConfig> t;
  t.field("from", &RoadConfig::from, "node the road starts at").required("missing: a road needs from and to nodes").located();
  t.field("to", &RoadConfig::to, "node the road leads to").required("missing: a road needs from and to nodes").located();
  t.field("length_m", &RoadConfig::length_m, "length").range(0, max_position_m).unit("m");
  t.field("speed_kmh", &RoadConfig::speed_kmh, "free-flow speed").above(0, 200, "speed").unit("km/h");
  t.rule("the travel time `length_m` at `speed_kmh` must be at most " + kernel::format_duration(kernel::max_span),
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, RoadConfig& road) {
           const double seconds = road.length_m / (road.speed_kmh / 3.6);
           if (!(seconds <= kernel::to_seconds(kernel::max_span))) {
             r.problem(n["speed_kmh"] ? n["speed_kmh"] : n, path + ".speed_kmh",
                       "the travel time of " + number_text(road.length_m) + " m at " + number_text(road.speed_kmh) +
                           " km/h is longer than " + kernel::max_span_text());
           }
         });
  t.field("capacity_trucks", &RoadConfig::capacity_trucks,
          "trucks the road holds (0: unlimited); a full road blocks the one behind it, and waiting for the first "
          "capacity-limited road is spill-back")
      .range(0, max_count)
      .unit("trucks");
  return t;
}

Table<ScenarioConfig> layout_table() {
  Table<ScenarioConfig> t;
  t.list("nodes", &ScenarioConfig::nodes, node_table(), "the places of the port")
      .required("missing: the layout needs nodes");
  t.list("roads", &ScenarioConfig::roads, road_table(), "one-way roads between nodes");
  t.field("truck_spacing_m", &ScenarioConfig::truck_spacing_m,
          "road length a truck takes in a standing queue, for the queue on the public road in metres "
          "(assumption: a 16.5 m tractor-semitrailer, the EU maximum of Directive 96/53/EC, plus about 3.5 m to "
          "the next truck)")
      .range(1, 100)
      .unit("m");
  return t;
}

Table<DeviceConfig> device_table() {
  Table<DeviceConfig> t;
  t.field("id", &DeviceConfig::id, "name (unique) that lanes and `customs.xray_scanners` refer to")
      .required("missing: every device needs an id");
  t.field("kind", &DeviceConfig::kind, "what the device does").required(one_of<DeviceKind>());
  t.field("read_time", &DeviceConfig::read_time, "time of one read");
  t.field("read_success", &DeviceConfig::read_success, "share of reads that succeed (a failed read falls back to the manual step)")
      .probability();
  t.field("time_to_failure", &DeviceConfig::time_to_failure, "operating time between breakdowns")
      .or_never()
      .repeats(min_repeat);
  t.field("repair_time", &DeviceConfig::repair_time, "time to repair a breakdown").repeats(min_repeat);
  t.field("capex", &DeviceConfig::capex, "purchase cost per device").range(0, max_cost).unit("currency");
  t.field("opex_per_year", &DeviceConfig::opex_per_year, "running cost per device and year")
      .range(0, max_cost)
      .unit("currency/year");
  t.field("lifetime_years", &DeviceConfig::lifetime_years, "years over which capex is spread")
      .above(0, 1000)
      .unit("years");
  t.field("detection_rate", &DeviceConfig::detection_rate, "X-ray: share of non-compliant containers it flags")
      .probability();
  t.field("false_alarm_rate", &DeviceConfig::false_alarm_rate, "X-ray: share of compliant containers it flags")
      .probability();
  return t;
}

/// Device ids are unique (a duplicate is reported once, however many devices came before it).
void store_device(SchemaReader& r, const YAML::Node& m, const std::string& path, std::size_t,
                  std::vector<DeviceConfig>& devices, DeviceConfig&& d) {
  const auto same = [&](const DeviceConfig& other) { return other.id == d.id; };
  if (!d.id.empty() && std::any_of(devices.begin(), devices.end(), same)) {
    r.problem(m["id"], path + ".id", "duplicate device id \"" + d.id + "\"");
  }
  devices.push_back(std::move(d));
}

Table<StepTimes> step_table() {
  Table<StepTimes> t;
  t.field("identify_manual", &StepTimes::identify_manual, "identifying the truck by hand (no reader, misread or reader down)");
  t.field("documents_paper", &StepTimes::documents_paper, "checking a paper declaration");
  t.field("documents_electronic", &StepTimes::documents_electronic, "confirming an electronic declaration");
  t.field("documents_pre_arrival", &StepTimes::documents_pre_arrival, "a declaration cleared before arrival");
  t.field("documents_outage_fallback", &StepTimes::documents_outage_fallback,
          "an electronic declaration handled by hand while the customs system is down");
  t.field("seal_manual_per_container", &StepTimes::seal_manual_per_container, "checking one container's seal by hand");
  t.field("weigh_static", &StepTimes::weigh_static, "weighing on a static weighbridge (no weigh-in-motion)");
  t.field("radiation_manual", &StepTimes::radiation_manual, "a radiation check by hand (no portal)");
  return t;
}

// ---- gates ----

/// One entry of a gate's `lanes`: a lane, repeated `count` times.
struct LaneEntry : LaneConfig {
  int count = 1;
};

Table<LaneEntry> lane_table() {
  Table<LaneEntry> t;
  t.field("id", &LaneEntry::id, "lane name (default: N is its place in the list); with count > 1 the lanes are "
                                 "id-1, id-2, ...")
      .default_is("lane<N>");
  t.field("kind", &LaneEntry::kind, "which trucks may use the lane");
  t.field("count", &LaneEntry::count, "identical lanes of this entry").range(1, 1000).unit("lanes");
  t.list("open", &LaneEntry::open, "opening hours (none: always open); a window may wrap past midnight");
  t.list("devices", &LaneEntry::devices, "ids of the devices on the lane");
  t.field("weigh", &LaneEntry::weigh, "the lane weighs trucks (weigh-in-motion device or static weighbridge)");
  t.field("check_seal", &LaneEntry::check_seal, "the lane checks seals");
  return t;
}

/// Lanes without an id are named by their place; count > 1 numbers the copies id-1, id-2, ...
void store_lanes(SchemaReader&, const YAML::Node& m, const std::string&, std::size_t index,
                 std::vector<LaneConfig>& lanes, LaneEntry&& entry) {
  if (!m["id"]) entry.id = "lane" + std::to_string(index + 1);
  for (int k = 0; k < entry.count; ++k) {
    LaneConfig copy = entry;
    if (entry.count > 1) copy.id = entry.id + "-" + std::to_string(k + 1);
    lanes.push_back(std::move(copy));
  }
}

Table<LanePolicyConfig> lane_policy_table() {
  Table<LanePolicyConfig> t;
  t.field("kind", &LanePolicyConfig::kind, "the lanes it opens and closes (the gate's lanes of this kind)");
  t.field("min_lanes", &LanePolicyConfig::min_lanes, "lanes always open").range(1, 1000).unit("lanes");
  t.field("open_above", &LanePolicyConfig::open_above, "a mean wait above it opens one more lane").above(0);
  t.field("close_below", &LanePolicyConfig::close_below, "a mean wait below it closes one idle lane");
  t.field("check_every", &LanePolicyConfig::check_every, "how often the wait is looked at").above(0).repeats(min_repeat);
  return t;
}

Table<GateConfig> gate_table() {
  Table<GateConfig> t;
  t.field("lane_choice", &GateConfig::lane_choice,
          "`shortest_queue`: trucks join the shortest eligible lane queue on arrival; `common_queue`: one queue, "
          "the first eligible lane that frees up takes the next truck");
  t.field("id", &GateConfig::id, "gate name").required("missing: every gate needs an id");
  t.field("node", &GateConfig::node, "its gate node").required_by_model();
  t.field("entry", &GateConfig::entry, "the entry node its trucks come from").required_by_model();
  t.field("yard", &GateConfig::yard, "the yard node behind it").required_by_model();
  t.field("exit", &GateConfig::exit, "the exit node its trucks leave by").required_by_model();
  t.field("inspection", &GateConfig::inspection, "its inspection node (none: no inspection area)").located();
  t.field("demand_share", &GateConfig::demand_share, "relative share of the port's trucks that use this gate")
      .range(0, max_weight);
  t.field("balk_queue", &GateConfig::balk_queue,
          "trucks waiting on the public road beyond which arrivals turn away (0: never)")
      .range(0, max_count)
      .unit("trucks");
  t.list("lanes", &GateConfig::lanes, lane_table(), "the gate's lanes", store_lanes)
      .required("missing: a gate needs a list of lanes")
      .located();
  t.list("lane_policies", &GateConfig::lane_policies, lane_policy_table(),
         "queue-triggered opening and closing of the lanes of a kind (at most one policy per kind)")
      .located();
  return t;
}

// ---- customs ----

/// `customs.declarations`: the three shares, stored as paper and electronic (the rest pre-arrival).
struct Declarations {
  double paper = 0;
  double electronic = 0;
  double pre_arrival = 0;
};

Table<Declarations> declaration_table() {
  Table<Declarations> t;
  t.field("paper", &Declarations::paper, "share of paper declarations").probability();
  t.field("electronic", &Declarations::electronic, "share of electronic declarations").probability();
  t.field("pre_arrival", &Declarations::pre_arrival, "share of declarations cleared before arrival").probability();
  t.rule("`paper + electronic + pre_arrival` must sum to 1",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, Declarations& d) {
           const double sum = d.paper + d.electronic + d.pre_arrival;
           if (std::fabs(sum - 1) > 1e-6) {
             r.problem(n, path, "paper + electronic + pre_arrival must sum to 1, got " + std::to_string(sum));
           }
         });
  return t;
}

Table<CustomsConfig> selection_table() {
  Table<CustomsConfig> t;
  t.field("mode", &CustomsConfig::selection, "`random`: by the rates; `risk`: by a risk score at the same rates");
  t.field("yellow_rate", &CustomsConfig::yellow_rate, "share of declarations sent to a document check").probability();
  t.field("red_rate", &CustomsConfig::red_rate, "share of declarations sent to inspection (the inspection budget)")
      .probability();
  t.rule("`yellow_rate + red_rate` must be <= 1",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, CustomsConfig& cu) {
           if (cu.red_rate + cu.yellow_rate > 1 + 1e-9) r.problem(n, path, "yellow_rate + red_rate must be <= 1");
         });
  t.field("targeting_quality", &CustomsConfig::targeting_quality, "risk mode: AUC of the risk score (0.5: random)")
      .range(0.5, 0.999);
  t.field("trusted_trader_multiplier", &CustomsConfig::trusted_trader_multiplier,
          "factor on a trusted trader's selection rates")
      .probability();
  return t;
}

Table<OutageConfig> outage_table() {
  Table<OutageConfig> t;
  t.field("start", &OutageConfig::start, "time from the run's start")
      .or_time_of_day()
      .required("missing: when the outage starts, such as \"16h\"");
  t.field("duration", &OutageConfig::duration, "how long it lasts")
      .above(0)
      .required("missing: how long the outage lasts, such as \"2h\"");
  return t;
}

Table<CustomsConfig> random_outage_table() {
  Table<CustomsConfig> t;
  t.field("interval", &CustomsConfig::outage_interval, "time between outages (none: no random outages)")
      .repeats(min_repeat);
  t.field("repair", &CustomsConfig::outage_repair, "how long an outage lasts").repeats(min_repeat);
  return t;
}

/// One entry of `customs.officer_shifts`.
struct ShiftEntry {
  std::optional<DailyWindow> hours;
  int officers = 0;
};

Table<ShiftEntry> shift_table() {
  Table<ShiftEntry> t;
  t.field("hours", &ShiftEntry::hours, "the shift's time of day").required("missing: the shift's hours, such as \"06:00-14:00\"");
  t.field("officers", &ShiftEntry::officers, "officers on duty")
      .range(0, 100000)
      .unit("officers")
      .required("missing: how many officers are on duty");
  return t;
}

void store_shift(SchemaReader&, const YAML::Node&, const std::string&, std::size_t, std::vector<DailyWindow>& shifts,
                 ShiftEntry&& entry) {
  if (!entry.hours) return;
  entry.hours->count = entry.officers;
  shifts.push_back(*entry.hours);
}

std::string default_shifts() {
  std::string out;
  for (const auto& w : CustomsConfig{}.officer_shifts) {
    out += std::string(out.empty() ? "" : ", ") + "{hours: \"" + schema_detail::window_text(w) +
           "\", officers: " + std::to_string(w.count) + "}";
  }
  return "[" + out + "]";
}

Table<CustomsConfig> customs_table() {
  Table<CustomsConfig> t;
  t.map("declarations", declaration_table(),
        [](CustomsConfig& cu, Declarations&& d) {
          cu.paper_share = d.paper;
          cu.electronic_share = d.electronic;
        },
        "shares of the declaration modes (none: all paper)");
  t.map("selection", std::identity{}, selection_table(), "selection for the yellow and red channels");
  t.field("single_window", &CustomsConfig::single_window,
          "other agencies check in parallel through a single window (else one after another)");
  t.list("agency_checks", &CustomsConfig::agency_checks, "check times of the other agencies, for a document check")
      .at_most(max_agency_checks, "at most " + std::to_string(max_agency_checks) + " agency checks are modelled");
  t.list("outages", &CustomsConfig::outages, outage_table(), "planned customs IT outages");
  t.map("random_outages", std::identity{}, random_outage_table(), "customs IT outages at random times");
  t.field("dr_switchover", &CustomsConfig::dr_switchover,
          "a disaster-recovery site takes over this long after an outage starts (none: no DR site)");
  t.list("officer_shifts", &CustomsConfig::officer_shifts, shift_table(), "officers on duty by time of day", store_shift)
      .default_is(default_shifts());
  t.field("inspection_bays", &CustomsConfig::inspection_bays, "bays for physical examinations").range(1, 100000).unit("bays");
  t.field("physical_inspection", &CustomsConfig::physical_inspection, "time of a physical examination");
  t.field("physical_detection_rate", &CustomsConfig::physical_detection_rate,
          "share of non-compliant containers a physical examination finds")
      .probability();
  t.field("document_check_detection_rate", &CustomsConfig::document_check_detection_rate,
          "share of non-compliant containers a document check finds (yellow)")
      .probability();
  t.list("xray_scanners", &CustomsConfig::xray_scanners,
         "ids of `xray_scanner` devices; red trucks are scanned and examined only when the image flags (none: red "
         "goes straight to a physical examination)");
  t.field("trouble_ticket_rate", &CustomsConfig::trouble_ticket_rate,
          "share of trucks with a gate exception, resolved at a side window")
      .probability();
  t.field("trouble_ticket_time", &CustomsConfig::trouble_ticket_time, "time to resolve a trouble ticket");
  return t;
}

Table<EmissionsConfig> emissions_table() {
  Table<EmissionsConfig> t;
  t.field("idle_fuel_gal_per_h", &EmissionsConfig::idle_fuel_gal_per_h, "fuel burnt idling (DOMAIN.md §5: 0.46-0.65)")
      .range(0, max_emission_factor)
      .unit("US gal/h");
  t.field("co2_kg_per_gal", &EmissionsConfig::co2_kg_per_gal, "CO2 per gallon of diesel (DOMAIN.md §5)")
      .range(0, max_emission_factor)
      .unit("kg/US gal");
  return t;
}

Table<TargetsConfig> targets_table() {
  Table<TargetsConfig> t;
  t.field("road_queue_m", &TargetsConfig::road_queue_m,
          "the longest acceptable queue on the public road; adds the KPIs road_queue_target_hours_share and "
          "road_queue_target_days_share (0: no target)")
      .range(0, 1e6)
      .unit("m");
  t.field("turn_time", &TargetsConfig::turn_time,
          "the longest acceptable turn time (arrival to exit); adds turn_time_over_target_share (trucks over it) "
          "and turn_time_target_hours_share / _days_share (hours, days of arrival whose trucks' mean passed it); "
          "0: no target");
  t.field("pregate_wait", &TargetsConfig::pregate_wait,
          "the longest acceptable wait before a lane; adds pregate_wait_over_target_share, "
          "pregate_wait_target_hours_share and pregate_wait_target_days_share; 0: no target");
  return t;
}

// ---- the file ----

Table<ScenarioConfig> scenario_table() {
  Table<ScenarioConfig> t;
  t.field("name", &ScenarioConfig::name, "name in reports and result files");
  t.custom("description", FieldType::Text, "free text for readers (not read by the model)",
           [](SchemaReader&, const FieldSpec&, const YAML::Node&, const std::string&, ScenarioConfig&) {});
  t.field("duration", &ScenarioConfig::duration, "simulated time after the warm-up").above(0);
  t.field("warmup", &ScenarioConfig::warmup, "simulated time before statistics start");
  t.field("end", &ScenarioConfig::end,
          "`cut`: the run stops at the end of `duration` (steady state; trucks still inside are not "
          "counted, with a warning); `drain`: arrivals stop there and the run goes on until the last "
          "truck has left (a terminating day: every truck that arrived is counted; queues and "
          "utilisations cover the arrival window)");
  t.field("drain_limit", &ScenarioConfig::drain_limit, "`end: drain`: the longest the drain may take").above(0);
  t.field("yard_time", &ScenarioConfig::yard_time, "time a truck spends in the yard");
  t.map("demand", &ScenarioConfig::demand, demand_table(), "the trucks that arrive");
  t.map("targets", &ScenarioConfig::targets, targets_table(), "service targets, reported as how often each was broken");
  t.map("layout", std::identity{}, layout_table(), "the road network")
      .required("missing: a scenario needs a layout with nodes and roads");
  t.list("devices", &ScenarioConfig::devices, device_table(), "readers and scanners that lanes refer to", store_device);
  t.map("steps", &ScenarioConfig::steps, step_table(), "times of the manual lane steps");
  t.list("gates", &ScenarioConfig::gates, gate_table(), "the gates")
      .required("missing: a scenario needs at least one gate")
      .located();
  t.rule("the gates' `demand_share` must not all be 0 (profile and appointments modes)",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string&, ScenarioConfig& c) {
           if (c.gates.empty() || c.demand.mode == DemandMode::Renewal) return;
           double total = 0;
           for (const GateConfig& g : c.gates) total += g.demand_share;
           if (total > 0) return;
           // At the last share the file gives (the one that made the sum 0), else at the gates.
           const YAML::Node gates = n["gates"];
           for (std::size_t i = gates && gates.IsSequence() ? gates.size() : 0; i-- > 0;) {
             if (const YAML::Node share = gates[i].IsMap() ? gates[i]["demand_share"] : YAML::Node()) {
               r.problem(share, "gates[" + std::to_string(i) + "].demand_share",
                         "the gates' demand shares must not all be 0: no truck would arrive");
               return;
             }
           }
           r.problem(gates ? gates : n, "gates", "the gates' demand shares must not all be 0: no truck would arrive");
         });
  t.map("customs", &ScenarioConfig::customs, customs_table(),
        "declarations, selection, other agencies, IT outages, officers and inspection");
  t.map("emissions", &ScenarioConfig::emissions, emissions_table(), "idling emission factors");
  t.map("clearance", &ScenarioConfig::clearance, clearance_table(),
        "import clearance from the vessel's call to release, measured like a Time Release Study");
  return t;
}

}  // namespace

const Table<ScenarioConfig>& scenario_schema() {
  static const Table<ScenarioConfig> table = scenario_table();
  return table;
}

}  // namespace portsim::io
