// The port model on hand-computable cases (exact times), against queueing theory, and for
// conservation and determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/experiment/runner.hpp"
#include "sim/kernel/queueing_theory.hpp"
#include "sim/kernel/statistics.hpp"
#include "sim/port/port.hpp"
#include "tests/port/test_scenarios.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
namespace ex = portsim::experiment;
using portsim::test::load_text;
using portsim::test::tiny_port_yaml;

namespace {

struct Recorder : p::PortObserver {
  std::vector<p::TruckRecord> trucks;
  std::vector<p::DomainEvent> events;
  void on_truck_exit(const p::TruckRecord& r) override { trucks.push_back(r); }
  void on_event(const p::DomainEvent& e) override { events.push_back(e); }
};

Recorder run_recorded(const p::ScenarioConfig& cfg, k::Duration duration = std::chrono::hours(1)) {
  Recorder rec;
  ex::RunSpec spec;
  spec.duration = duration;
  spec.observers.push_back(&rec);
  ex::run_once(cfg, spec);
  return rec;
}

double s(k::SimTime t) { return k::to_seconds(t); }

}  // namespace

TEST(PortModel, OneLaneDeterministicExactTimes) {
  // Trucks every 60 s, 40 s service: nobody waits. Roads 10 s each, yard 300 s.
  const auto sc = load_text(tiny_port_yaml());
  const auto rec = run_recorded(sc.config);
  // Arrival at 60 i s; 20 s of road to the lane; exit 380 s after arrival, so trucks 1..53 leave
  // within the hour.
  ASSERT_EQ(rec.trucks.size(), 53u);
  for (std::size_t i = 0; i < rec.trucks.size(); ++i) {
    const double a = 60.0 * static_cast<double>(i + 1);
    const auto& t = rec.trucks[i];
    EXPECT_DOUBLE_EQ(s(t.arrived), a);
    EXPECT_DOUBLE_EQ(s(t.lane_start), a + 20);
    EXPECT_DOUBLE_EQ(s(t.lane_end), a + 60);
    EXPECT_DOUBLE_EQ(s(t.exited), a + 20 + 40 + 10 + 300 + 10);
    EXPECT_DOUBLE_EQ(t.pregate_wait_s, 0.0);
  }
}

TEST(PortModel, OverloadedLaneQueueGrowsByTheServiceSurplus) {
  // Service 90 s, arrivals every 60 s: truck i starts service at 80 + 90 (i - 1) s.
  const auto sc = load_text(tiny_port_yaml(1, "constant(60s)", "constant(90s)"));
  const auto rec = run_recorded(sc.config);
  ASSERT_GE(rec.trucks.size(), 20u);
  for (std::size_t i = 0; i < 20; ++i) {
    const double start = 80.0 + 90.0 * static_cast<double>(i);
    EXPECT_DOUBLE_EQ(s(rec.trucks[i].lane_start), start) << "truck " << i + 1;
    EXPECT_DOUBLE_EQ(rec.trucks[i].pregate_wait_s, start - 60.0 * static_cast<double>(i + 1) - 20.0);
  }
}

TEST(PortModel, FullBufferSpillsBackOntoThePublicRoad) {
  // Buffer road holds 2 trucks; a truck keeps its buffer place until it enters the lane.
  // By hand: truck i reaches the buffer at 60 i + 10 and starts service at 80 + 90 (i - 1); it
  // holds its buffer place in between. Trucks 1-6 find room; truck 7 (at 430 s) finds trucks 5
  // (until 440) and 6 (until 530) there and waits 10 s on the public road; truck 8 (490 s) waits
  // for truck 6 until 530 (40 s); truck 9 (550 s) for truck 7 until 620 (70 s).
  const auto sc = load_text(tiny_port_yaml(1, "constant(60s)", "constant(90s)", 2));
  const auto rec = run_recorded(sc.config, std::chrono::hours(2));
  ASSERT_GE(rec.trucks.size(), 10u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(rec.trucks[i].spillback_s, 0.0) << "truck " << i + 1;
  EXPECT_DOUBLE_EQ(rec.trucks[6].spillback_s, 10.0);
  EXPECT_DOUBLE_EQ(rec.trucks[7].spillback_s, 40.0);
  EXPECT_DOUBLE_EQ(rec.trucks[8].spillback_s, 70.0);
  // Blocking does not change the lane's schedule: it is still the bottleneck.
  EXPECT_DOUBLE_EQ(s(rec.trucks[8].lane_start), 80.0 + 90.0 * 8);
  // The KPI integrates the spill-back level over time.
  ex::RunSpec spec;
  spec.duration = std::chrono::minutes(10);
  const auto r = ex::run_once(sc.config, spec);
  // In the first 600 s: truck 7 waits 430-440, truck 8 waits 490-530, truck 9 550-620 (cut at 600).
  EXPECT_NEAR(p::kpi_value(r.kpis, "spillback_truck_minutes"), (10.0 + 40.0 + 50.0) / 60.0, 1e-9);
  EXPECT_DOUBLE_EQ(p::kpi_value(r.kpis, "spillback_max"), 1.0);
}

namespace {
const char* ocr_device(const std::string& success, const std::string& failure) {
  static std::string text;
  text = R"y(
    - id: ocr
      kind: ocr_camera
      read_time: "constant(3s)"
      read_success: )y" + success + R"y(
      time_to_failure: ")y" + failure + R"y("
      repair_time: "constant(500s)"
)y";
  return text.c_str();
}
std::string with_ocr(const std::string& success, const std::string& failure) {
  std::string y = tiny_port_yaml(1, "constant(60s)", "constant(40s)");
  y += std::string("devices:\n") + ocr_device(success, failure);
  const std::string lane = "      - {id: l, count: 1}";
  y.replace(y.find(lane), lane.size(), "      - {id: l, count: 1, devices: [ocr]}");
  return y;
}
}  // namespace

TEST(PortModel, SensorReadsReplaceTheManualStep) {
  const auto rec = run_recorded(load_text(with_ocr("1", "never")).config);
  ASSERT_FALSE(rec.trucks.empty());
  for (const auto& t : rec.trucks) {
    EXPECT_DOUBLE_EQ(t.lane_service_s, 3.0);
    EXPECT_EQ(t.manual_fallbacks, 0);
  }
}

TEST(PortModel, FailedReadFallsBackToTheManualStep) {
  const auto rec = run_recorded(load_text(with_ocr("0", "never")).config);
  ASSERT_FALSE(rec.trucks.empty());
  for (const auto& t : rec.trucks) {
    EXPECT_DOUBLE_EQ(t.lane_service_s, 3.0 + 40.0);  // the attempt, then the clerk
    EXPECT_EQ(t.manual_fallbacks, 1);
  }
  std::size_t failed_reads = 0;
  for (const auto& e : rec.events) failed_reads += e.kind == p::EventKind::SensorReadFailed ? 1 : 0;
  EXPECT_EQ(failed_reads, 59u);  // lane starts at 60 i + 20 <= 3600 s: trucks 1..59
}

TEST(PortModel, BrokenDeviceIsSkippedUntilRepaired) {
  // The camera breaks 1000 s after each repair and takes 500 s to fix: down in [1000, 1500) and
  // [2500, 3000). Trucks served then take the manual 40 s; the others 3 s.
  const auto rec = run_recorded(load_text(with_ocr("1", "constant(1000s)")).config);
  int manual = 0;
  for (const auto& t : rec.trucks) {
    const double start = s(t.lane_start);
    const bool down = (start >= 1000 && start < 1500) || (start >= 2500 && start < 3000);
    EXPECT_DOUBLE_EQ(t.lane_service_s, down ? 40.0 : 3.0) << "start " << start;
    manual += down ? 1 : 0;
  }
  EXPECT_EQ(manual, 16);  // lane starts 1040, 1100, ..., 1460 and 2540, ..., 2960
}

TEST(PortModel, OutageWindowForcesManualDeclarations) {
  std::string y = tiny_port_yaml(1, "constant(60s)", "constant(10s)");
  const auto sc = load_text(y, {"demand.import_share=1", "demand.container_probs=[0, 1, 0]",
                                "customs.declarations={paper: 0, electronic: 1, pre_arrival: 0}",
                                "steps.documents_electronic=constant(5s)",
                                "steps.documents_outage_fallback=constant(100s)",
                                "customs.outages=[{start: 1000s, duration: 500s}]",
                                "gates[0].lanes[0].check_seal=false"});
  const auto rec = run_recorded(sc.config);
  int fallback = 0;
  for (const auto& t : rec.trucks) {
    const double start = s(t.lane_start);
    const bool down = start >= 1000 && start < 1500;
    EXPECT_DOUBLE_EQ(t.lane_service_s, down ? 110.0 : 15.0) << "start " << start;
    fallback += down ? 1 : 0;
  }
  // During the outage service takes 110 s: lane starts 1040, 1150, 1260, 1370, 1480 s.
  EXPECT_EQ(fallback, 5);
}

TEST(PortModel, GateIsAnMMcQueueErlangC) {
  // 4 lanes fed from one common queue, Poisson arrivals every 20 s on average, exponential 60 s
  // service: offered load 3.
  const auto sc = load_text(tiny_port_yaml(4, "exponential(20s)", "exponential(60s)", 0, "common_queue"));
  const double lambda = 1.0 / 20, mu = 1.0 / 60;
  const double exact_min = k::queueing::mmc_mean_wait(4, lambda, mu) / 60;
  std::vector<double> waits, utilization;
  for (std::uint64_t r = 0; r < 16; ++r) {
    ex::RunSpec spec;
    spec.seed = 3;
    spec.replication = r;
    spec.warmup = std::chrono::hours(2);
    spec.duration = std::chrono::hours(300);
    const auto res = ex::run_once(sc.config, spec);
    waits.push_back(p::kpi_value(res.kpis, "pregate_wait_mean"));
    utilization.push_back(p::kpi_value(res.kpis, "lane_utilization"));
  }
  EXPECT_TRUE(k::confidence_interval(utilization, 0.99).contains(0.75));
  const auto ci = k::confidence_interval(waits, 0.99);
  EXPECT_TRUE(ci.contains(exact_min)) << "Erlang C " << exact_min << " min outside [" << ci.low() << ", " << ci.high() << "]";
  EXPECT_LT(ci.half_width, 0.1 * exact_min);
}

TEST(PortModel, ShortestQueueChoiceWaitsLongerThanACommonQueue) {
  // Joining the shortest lane queue on arrival cannot beat one common queue (no lane idles while
  // a truck waits in another lane's queue); with 4 lanes at load 0.75 the gap is large.
  const auto jsq = load_text(tiny_port_yaml(4, "exponential(20s)", "exponential(60s)"));
  const auto common = load_text(tiny_port_yaml(4, "exponential(20s)", "exponential(60s)", 0, "common_queue"));
  ex::RunSpec spec;
  spec.duration = std::chrono::hours(100);
  const double w_jsq = p::kpi_value(ex::run_once(jsq.config, spec).kpis, "pregate_wait_mean");
  const double w_common = p::kpi_value(ex::run_once(common.config, spec).kpis, "pregate_wait_mean");
  EXPECT_GT(w_jsq, 1.2 * w_common);
}

TEST(PortModel, ConservationOfTrucks) {
  const auto sc = portsim::io::load_scenario(std::string(PORTSIM_SOURCE_DIR) + "/scenarios/baseline.yaml");
  ex::RunSpec spec;
  spec.duration = std::chrono::hours(12);
  const auto r = ex::run_once(sc.config, spec);
  const double in = p::kpi_value(r.kpis, "trucks_arrived");
  EXPECT_GT(in, 5000);
  EXPECT_DOUBLE_EQ(in, p::kpi_value(r.kpis, "trucks_exited") + p::kpi_value(r.kpis, "trucks_in_system") +
                           p::kpi_value(r.kpis, "trucks_balked"));
  // Every truck that left went through exactly one channel; trucks still inside may have too.
  const double channels = p::kpi_value(r.kpis, "channel_green") + p::kpi_value(r.kpis, "channel_yellow") +
                          p::kpi_value(r.kpis, "channel_red");
  EXPECT_GE(channels, p::kpi_value(r.kpis, "trucks_exited"));
  EXPECT_LE(channels, in);
}

TEST(PortModel, LittlesLawOnTheGate) {
  // Time-average trucks waiting for a lane = arrival rate x mean pre-gate wait.
  const auto sc = load_text(tiny_port_yaml(2, "exponential(40s)", "exponential(70s)", 0, "common_queue"));
  ex::RunSpec spec;
  spec.duration = std::chrono::hours(200);
  const auto r = ex::run_once(sc.config, spec);
  const double lambda_per_min = p::kpi_value(r.kpis, "trucks_arrived") / (200 * 60.0);
  EXPECT_NEAR(p::kpi_value(r.kpis, "queue_length_mean"), lambda_per_min * p::kpi_value(r.kpis, "pregate_wait_mean"),
              0.02 * p::kpi_value(r.kpis, "queue_length_mean"));
}

TEST(PortModel, SnapshotShowsTrucksAndLanes) {
  const auto sc = load_text(tiny_port_yaml(1, "constant(60s)", "constant(90s)"));
  k::Simulation sim;
  p::Port port(sim, sc.config, k::RandomStreams(1));
  port.start();
  sim.run_until(k::time_zero + std::chrono::seconds(1205));
  const auto snap = port.snapshot();
  // Arrivals at 60..1200 s; truck 13 is in service (1160-1250 s), trucks 14-19 queue, 20 drives.
  int queued = 0, in_service = 0;
  for (const auto& t : snap.trucks) {
    queued += t.state == p::TruckState::Queued ? 1 : 0;
    in_service += t.state == p::TruckState::InService ? 1 : 0;
  }
  EXPECT_EQ(in_service, 1);
  EXPECT_EQ(queued, 6);
  EXPECT_EQ(snap.gate_queue[0], 6);
  ASSERT_EQ(snap.lanes.size(), 1u);
  EXPECT_TRUE(snap.lanes[0].busy);
  EXPECT_TRUE(snap.lanes[0].open);
}
