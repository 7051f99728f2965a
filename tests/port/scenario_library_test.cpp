// Every shipped scenario runs, and each reform's headline direction holds against the baseline
// (one simulated day, 4 replications under common random numbers). Every shipped batch file's
// first design point runs a short horizon.
#include <gtest/gtest.h>

#include <map>

#include "sim/experiment/runner.hpp"
#include "sim/io/batch_loader.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;

namespace {

std::map<std::string, double> mean_kpis(const std::string& name) {
  const auto sc = portsim::io::load_scenario("scenarios/" + name + ".yaml");
  std::map<std::string, double> out;
  for (const auto& s : ex::summarize(ex::run_replications(sc.config, 1, 4, 2))) out[s.name] = s.mean;
  return out;
}

}  // namespace

TEST(ScenarioLibrary, HeadlineDirectionsHold) {
  std::map<std::string, std::map<std::string, double>> k;
  for (const char* n : {"baseline", "paperless", "smart-gate", "risk-targeting", "single-window", "appointments",
                        "it-outage", "it-outage-dr", "nii-scanners", "otay-mesa"}) {
    k[n] = mean_kpis(n);
    EXPECT_GT(k[n]["trucks_exited"], 1000) << n;
  }
  const auto& base = k["baseline"];
  EXPECT_LT(k["paperless"]["lane_service_mean"], 0.8 * base.at("lane_service_mean"));
  EXPECT_LT(k["smart-gate"]["lane_service_mean"], 0.8 * base.at("lane_service_mean"));
  EXPECT_GT(k["smart-gate"]["device_reads"], 10000);
  EXPECT_GT(k["risk-targeting"]["noncompliant_caught"], 3 * base.at("noncompliant_caught"));
  // Same budget: about as many physical inspections (Poisson noise of ~120 a day over 4 days).
  EXPECT_NEAR(k["risk-targeting"]["physical_inspections"], base.at("physical_inspections"), 0.25 * base.at("physical_inspections"));
  EXPECT_LT(k["single-window"]["inspection_time_mean"], base.at("inspection_time_mean"));
  EXPECT_LT(k["appointments"]["pregate_wait_mean"], 0.25 * base.at("pregate_wait_mean"));
  EXPECT_GT(k["it-outage"]["outage_manual_declarations"], 100);
  EXPECT_GT(k["it-outage"]["pregate_wait_mean"], 5 * k["paperless"]["pregate_wait_mean"]);
  EXPECT_LT(k["it-outage-dr"]["pregate_wait_mean"], 0.2 * k["it-outage"]["pregate_wait_mean"]);
  EXPECT_LT(k["nii-scanners"]["physical_inspections"], 0.5 * base.at("physical_inspections"));
  EXPECT_GT(k["nii-scanners"]["noncompliant_caught"], base.at("noncompliant_caught"));
  // Otay Mesa: the SANDAG day (3,488 trucks) is processed within the day.
  EXPECT_NEAR(k["otay-mesa"]["trucks_arrived"], 3488, 0.06 * 3488);
}

TEST(ScenarioLibrary, EveryBatchFileRunsItsFirstDesignPoint) {
  for (const char* f : {"lane-count", "sensor-reliability", "inspection-policy"}) {
    const auto b = portsim::io::load_batch(std::string("scenarios/batches/") + f + ".yaml");
    ex::RunSpec spec;
    spec.duration = std::chrono::hours(2);
    const auto r = ex::run_once(b.points.front().scenario.config, spec);
    // The batches vary the baseline, a drained day: the two hours' trucks have all left.
    EXPECT_EQ(r.outcome, portsim::kernel::RunOutcome::Kind::Stopped) << f;
    EXPECT_EQ(r.unfinished_trucks, 0u) << f;
    EXPECT_GT(r.events, 1000u) << f;
  }
}

TEST(Warmup, Mser5OnAPilotRunCutsTheInitialTransient) {
  // Renewal arrivals at a steady rate into an empty port: trucks in the system settle only after the
  // yard (15-60 min) and inspections (2-8 h) have filled up, so MSER-5 cuts a transient at the
  // start, and never more than half the pilot.
  const auto sc = portsim::io::load_scenario("scenarios/baseline.yaml", {"demand.mode=renewal",
                                                                         "demand.interarrival=exponential(10s)"});
  const auto w = ex::detect_warmup(sc.config, 1, std::chrono::hours(24));
  EXPECT_LE(w, std::chrono::hours(12));
  EXPECT_GE(w, std::chrono::minutes(30));
}
