// The recovery of known parameters from a truck log the simulator wrote
// (tests/data/truck_log_known.yaml: lane gamma(4, 15s), yard gamma(3, 8min), examination
// gamma(4, 30min), document checks 5%, examinations 3%): `portsim fit-port`'s fit must hold every
// true value inside its 95% CI, with the log's lane starts and with starts recovered from lanes,
// and its scenario file must load with the fitted values. (Slow: block-bootstrap refits.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "calibration/fitted_scenario.hpp"
#include "calibration/port_fit.hpp"
#include "calibration/truck_log.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/truck_log_writer.hpp"

namespace cal = portsim::calibration;
namespace fs = std::filesystem;

namespace {

std::string write(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("portsim_port_fit_" + name);
  std::ofstream(p) << text;
  return p.string();
}

}  // namespace

class KnownParameters : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto sc = portsim::io::load_scenario("tests/data/truck_log_known.yaml");
    config = new portsim::port::ScenarioConfig(sc.config);
    log_path = (fs::temp_directory_path() / "portsim_port_fit_known.csv").string();
    portsim::io::TruckLogWriter writer(log_path, *config);
    portsim::experiment::RunSpec spec;
    spec.observers.push_back(&writer);
    portsim::experiment::run_once(*config, spec);
    writer.finish();
  }
  static void TearDownTestSuite() { delete config; }
  static portsim::port::ScenarioConfig* config;
  static std::string log_path;

  static const cal::FittedTime& time(const cal::PortFit& f, const std::string& key) {
    for (const auto& t : f.times) {
      if (t.key == key) return t;
    }
    throw std::runtime_error("no fitted " + key);
  }
  static void expect_recovered(const cal::PortFit& fit) {
    const auto& lane = time(fit, "steps.identify_manual");
    EXPECT_EQ(lane.fit.family, "gamma");
    EXPECT_TRUE(lane.mean_ci.contains(60)) << lane.mean_ci.lo << " - " << lane.mean_ci.hi;
    EXPECT_TRUE(lane.parameter_ci[0].contains(4)) << lane.parameter_ci[0].lo << " - " << lane.parameter_ci[0].hi;
    EXPECT_TRUE(lane.parameter_ci[1].contains(15)) << lane.parameter_ci[1].lo << " - " << lane.parameter_ci[1].hi;
    const auto& yard = time(fit, "yard_time");
    EXPECT_EQ(yard.fit.family, "gamma");
    EXPECT_TRUE(yard.mean_ci.contains(24 * 60)) << yard.mean_ci.lo << " - " << yard.mean_ci.hi;
    EXPECT_TRUE(yard.parameter_ci[0].contains(3));
    EXPECT_TRUE(yard.parameter_ci[1].contains(480));
    const auto& exam = time(fit, "customs.physical_inspection");
    EXPECT_TRUE(exam.mean_ci.contains(2 * 3600)) << exam.mean_ci.lo << " - " << exam.mean_ci.hi;
    ASSERT_EQ(fit.rates.size(), 2U);
    EXPECT_TRUE(fit.rates[0].ci.contains(0.05)) << fit.rates[0].ci.lo << " - " << fit.rates[0].ci.hi;
    EXPECT_TRUE(fit.rates[1].ci.contains(0.03)) << fit.rates[1].ci.lo << " - " << fit.rates[1].ci.hi;
    // The held-out lane and yard times follow the training fits.
    EXPECT_GT(lane.test_ks.p_value, 0.01);
    EXPECT_GT(yard.test_ks.p_value, 0.01);
  }
};
portsim::port::ScenarioConfig* KnownParameters::config = nullptr;
std::string KnownParameters::log_path;

TEST_F(KnownParameters, AreRecoveredWithinTheirCis) {
  const auto log = cal::read_truck_log(log_path);
  EXPECT_TRUE(log.has_lane_start && log.has_exam && log.has_channel);
  const auto fit = cal::fit_port(log, *config, {});
  // Drained: every truck of the two days is in the log; the selection can reach 85% of trucks
  // (imports and exports), trusted traders (10%) at 0.2: 0.85 x 0.92.
  EXPECT_EQ(fit.train_trucks + fit.test_trucks, log.rows.size());
  EXPECT_NEAR(fit.selection_factor, 0.85 * 0.92, 1e-12);
  // gate -> yard 600 m at 20 km/h (108 s), yard -> exit 800 m at 25 km/h (115.2 s).
  EXPECT_NEAR(fit.drive_s, 108 + 115.2, 1e-6);
  expect_recovered(fit);
}

TEST_F(KnownParameters, AreRecoveredWithoutLaneStartsFromTheLanes) {
  // The same log without its lane_start column: each start is recovered from the lane.
  std::ifstream in(log_path);
  std::string line, text;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t from = 0;
    for (std::size_t at; (at = line.find(',', from)) != std::string::npos; from = at + 1) f.push_back(line.substr(from, at - from));
    f.push_back(line.substr(from));
    f.erase(f.begin() + 4);  // truck_id,gate,arrival,lane,lane_start,...
    std::string joined;
    for (const auto& x : f) joined += (joined.empty() ? "" : ",") + x;
    text += joined + "\n";
  }
  const auto log = cal::read_truck_log(write("known_no_start.csv", text));
  EXPECT_FALSE(log.has_lane_start);
  const auto fit = cal::fit_port(log, *config, {});
  EXPECT_NE(fit.lane_start_source.find("recovered"), std::string::npos);
  expect_recovered(fit);
}

TEST_F(KnownParameters, TheFittedScenarioLoadsAndCarriesTheFittedValues) {
  const auto log = cal::read_truck_log(log_path);
  const auto fit = cal::fit_port(log, *config, {});
  const std::string text = cal::fitted_scenario_yaml(fit, log, fs::absolute("tests/data/truck_log_known.yaml").string(), "fitted");
  const std::string path = write("fitted.yaml", text);
  const auto fitted = portsim::io::load_scenario(path).config;
  EXPECT_EQ(fitted.name, "fitted");
  EXPECT_DOUBLE_EQ(fitted.customs.trouble_ticket_rate, 0);
  EXPECT_NEAR(fitted.customs.red_rate, fit.rates[1].value, 5e-5);  // written with 4 decimals
  EXPECT_NEAR(fitted.steps.identify_manual.mean(), time(fit, "steps.identify_manual").mean, 0.05);
  EXPECT_NEAR(fitted.yard_time.mean(), time(fit, "yard_time").mean, 1.0);
  EXPECT_NE(text.find(log_path), std::string::npos);  // the log is named
  EXPECT_NE(text.find("95% CI"), std::string::npos);
}
