// The port model's configuration as plain values (no YAML here: sim/io fills these structs and
// validates them). Times are Durations; distributions are kernel Distributions in seconds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/random.hpp"
#include "sim/kernel/time.hpp"
#include "sim/port/clearance_config.hpp"

namespace portsim::port {

using kernel::Distribution;
using kernel::Duration;

enum class NodeKind { Entry, Buffer, Gate, Inspection, Yard, Exit };
enum class LaneKind { General, TrustedTrader, AppointmentOnly, PaperlessOnly };
enum class DeviceKind { RfidReader, OcrCamera, EplateReader, EsealReader, WeighInMotion, RadiationPortal, XrayScanner };
enum class DeclarationMode { Paper, Electronic, PreArrival };
enum class Channel { Green, Yellow, Red };
enum class SelectionMode { Random, Risk };
enum class DemandMode { Profile, Appointments, Renewal };
/// How trucks pick a lane: join the shortest eligible lane queue on arrival, or wait in one
/// common queue and take the first eligible lane that frees up (a dispatcher or traffic lights).
enum class LaneChoice { ShortestQueue, CommonQueue };
/// How a run ends: `Cut` stops at the end of the duration (a steady-state run; trucks still inside
/// are not counted), `Drain` stops the arrivals there and runs on until the last truck has left
/// (a terminating run: every truck that arrived is counted).
enum class RunEnd { Cut, Drain };

std::string to_string(NodeKind k);
std::string to_string(LaneKind k);
std::string to_string(DeviceKind k);
std::string to_string(DeclarationMode m);
std::string to_string(Channel c);

struct NodeConfig {
  std::string id;
  NodeKind kind = NodeKind::Entry;
  double x_m = 0;
  double y_m = 0;
};

struct RoadConfig {
  std::string from;
  std::string to;
  double length_m = 100;
  double speed_kmh = 20;
  int capacity_trucks = 0;  // 0 = unlimited
};

/// An interval of the day when something is open / staffed: [from, to) in time of day; to may
/// wrap past midnight ("22:00-06:00").
struct DailyWindow {
  Duration from{};
  Duration to{};
  int count = 1;  // officers on duty (shift lists); ignored for lane hours
};

struct DeviceConfig {
  std::string id;
  DeviceKind kind = DeviceKind::OcrCamera;
  Distribution read_time = Distribution::constant(3);
  double read_success = 1.0;
  std::optional<Distribution> time_to_failure;  // none: never fails
  Distribution repair_time = Distribution::constant(3600);
  double capex = 0;             // currency units per device
  double opex_per_year = 0;     // currency units per device per year
  double lifetime_years = 10;
  // X-ray only: chance to flag a non-compliant container (sensitivity) and a compliant one.
  double detection_rate = 0.9;
  double false_alarm_rate = 0.05;
};

/// Manual times of the lane steps (the fallback when a device is missing, broken or misreads).
struct StepTimes {
  Distribution identify_manual = Distribution::triangular(20, 30, 60);
  Distribution documents_paper = Distribution::triangular(30, 45, 90);
  Distribution documents_electronic = Distribution::triangular(5, 10, 20);
  Distribution documents_pre_arrival = Distribution::constant(2);
  Distribution documents_outage_fallback = Distribution::triangular(60, 90, 180);
  Distribution seal_manual_per_container = Distribution::triangular(10, 20, 40);
  Distribution weigh_static = Distribution::triangular(20, 30, 45);
  Distribution radiation_manual = Distribution::constant(0);
};

struct LaneConfig {
  std::string id;
  LaneKind kind = LaneKind::General;
  std::vector<DailyWindow> open;  // empty: always open
  std::vector<std::string> devices;
  bool weigh = false;      // lane weighs trucks (WIM device or static weighbridge)
  bool check_seal = true;  // lane checks seals
};

/// A queue-triggered lane policy (the lane-opening rule of SANDAG's border-crossing model): every
/// `check_every`, the mean wait before a lane of the trucks that reached a lane of `kind` in the
/// last interval is compared with the thresholds: above `open_above` one more lane of the kind
/// opens, below `close_below` one closes (an idle one, never below `min_lanes`). The lanes of the
/// kind are the gate's; they open by the policy, not by `open:` hours.
struct LanePolicyConfig {
  LaneKind kind = LaneKind::General;
  int min_lanes = 1;
  Duration open_above = std::chrono::minutes(10);
  Duration close_below = std::chrono::minutes(5);
  Duration check_every = std::chrono::minutes(15);
};

struct GateConfig {
  std::string id;
  std::string node;         // a Gate node of the layout
  std::string entry;        // the Entry node its trucks come from
  std::string yard;         // the Yard node behind it
  std::string exit;         // the Exit node trucks leave by
  std::string inspection;   // the Inspection node (empty: none)
  double demand_share = 1;  // share of the port's trucks that use this gate
  std::vector<LaneConfig> lanes;
  int balk_queue = 0;       // trucks waiting on the public road beyond which arrivals balk (0: never)
  LaneChoice lane_choice = LaneChoice::ShortestQueue;
  std::vector<LanePolicyConfig> lane_policies;  // at most one per lane kind
};

struct AppointmentConfig {
  Duration slot_length = std::chrono::hours(1);
  int slot_capacity = 600;            // trucks per slot (all gates)
  Distribution punctuality = Distribution::triangular(-1800, 0, 1800);  // s, + = late
  double no_show_rate = 0.1;
  double walk_in_share = 0.2;         // share of demand without an appointment
};

struct DemandConfig {
  DemandMode mode = DemandMode::Profile;
  double trucks_per_day = 1000;
  std::vector<double> profile = std::vector<double>(24, 1.0);  // 24 (hour of day) or 168 weights
  double import_share = 0.45;
  double export_share = 0.40;  // rest: empty trucks
  std::array<double, 3> containers{0.1, 0.75, 0.15};  // P(0, 1, 2 containers)
  double forty_foot_share = 0.6;
  double rfid_share = 0;
  double eplate_share = 0;
  double trusted_trader_share = 0.1;
  double eseal_share = 0;
  double noncompliance_rate = 0.01;  // containers whose cargo breaks a rule (hidden from customs)
  AppointmentConfig appointments;
  /// Renewal mode: each gate's trucks arrive with these gaps (tests, hand-computable cases,
  /// queueing checks); trucks_per_day and profile are then unused.
  Distribution interarrival = Distribution::exponential(60);
};

struct OutageConfig {
  Duration start{};
  Duration duration{};
};

struct CustomsConfig {
  double paper_share = 1.0;
  double electronic_share = 0.0;  // rest: pre-arrival
  SelectionMode selection = SelectionMode::Random;
  double yellow_rate = 0.10;       // share of declarations sent to a document check
  double red_rate = 0.03;          // share sent to inspection (the inspection budget)
  double targeting_quality = 0.8;  // risk mode: AUC of the risk score (0.5 = random)
  double trusted_trader_multiplier = 0.2;
  bool single_window = false;
  std::vector<Distribution> agency_checks{Distribution::triangular(300, 600, 1800)};
  std::vector<OutageConfig> outages;
  std::optional<Distribution> outage_interval;  // random outages: time between
  Distribution outage_repair = Distribution::constant(7200);
  std::optional<Duration> dr_switchover;        // disaster-recovery site takes over after this
  std::vector<DailyWindow> officer_shifts{{Duration{0}, std::chrono::hours(24), 10}};
  Distribution physical_inspection = Distribution::triangular(7200, 14400, 28800);
  double physical_detection_rate = 0.95;
  double document_check_detection_rate = 0.3;  // yellow: share of non-compliance found on paper
  int inspection_bays = 4;
  std::vector<std::string> xray_scanners;  // device ids; empty: red goes to physical directly
  double trouble_ticket_rate = 0.05;
  Distribution trouble_ticket_time = Distribution::triangular(1200, 3600, 7200);
};

struct EmissionsConfig {
  double idle_fuel_gal_per_h = 0.55;  // DOMAIN.md §5: 0.46-0.65 US gal/h
  double co2_kg_per_gal = 10.2;       // DOMAIN.md §5
};

/// Service targets planners write; each one given adds KPIs of how often it was broken.
struct TargetsConfig {
  double road_queue_m = 0;  // the longest acceptable queue on the public road (0: no target)
  Duration turn_time{};     // the longest acceptable turn time (0: no target)
  Duration pregate_wait{};  // the longest acceptable pre-gate wait (0: no target)
};

struct ScenarioConfig {
  std::string name = "scenario";
  std::string source_file;
  Duration duration = std::chrono::hours(24);
  Duration warmup{};
  RunEnd end = RunEnd::Cut;
  Duration drain_limit = std::chrono::hours(48);  // the longest a drain may take
  std::vector<NodeConfig> nodes;
  std::vector<RoadConfig> roads;
  double truck_spacing_m = 20;  // road length a queued truck takes (road_queue_m KPIs)
  std::vector<GateConfig> gates;
  std::vector<DeviceConfig> devices;
  StepTimes steps;
  DemandConfig demand;
  CustomsConfig customs;
  Distribution yard_time = Distribution::triangular(900, 1800, 3600);
  EmissionsConfig emissions;
  TargetsConfig targets;
  ClearanceConfig clearance;
};

}  // namespace portsim::port
