// Scenario loading: each validation error asserted by its full message on a small bad file.
#include "sim/io/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/port/test_scenarios.hpp"

namespace io = portsim::io;

namespace {

std::string data(const std::string& name) { return "tests/data/" + name; }

std::string load_error(const std::string& file, const std::vector<std::string>& sets = {}) {
  try {
    io::load_scenario(data(file), sets);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(ScenarioLoader, LoadsAValidFileWithExtendsMerge) {
  const auto s = io::load_scenario(data("base_ok.yaml"));
  EXPECT_EQ(s.config.name, "small");
  EXPECT_EQ(s.config.duration, std::chrono::hours(2));
  ASSERT_EQ(s.config.gates.size(), 1u);
  ASSERT_EQ(s.config.gates[0].lanes.size(), 3u);
  EXPECT_EQ(s.config.gates[0].lanes[2].id, "l-3");
  EXPECT_EQ(s.config.roads[0].capacity_trucks, 40);
  EXPECT_DOUBLE_EQ(s.config.demand.trucks_per_day, 2000);
  EXPECT_EQ(s.hash.size(), 16u);
}

TEST(ScenarioLoader, SetOverridesAValue) {
  const auto s = io::load_scenario(data("base_ok.yaml"), {"gates[0].lanes[0].count=5", "demand.trucks_per_day=300",
                                                          "customs.single_window=true"});
  EXPECT_EQ(s.config.gates[0].lanes.size(), 5u);
  EXPECT_DOUBLE_EQ(s.config.demand.trucks_per_day, 300);
  EXPECT_TRUE(s.config.customs.single_window);
  EXPECT_NE(s.hash, io::load_scenario(data("base_ok.yaml")).hash);
}

TEST(ScenarioLoader, ReformsMergeListsById) {
  const auto base = io::load_scenario("scenarios/baseline.yaml");
  const auto risk = io::load_scenario("scenarios/risk-targeting.yaml");
  ASSERT_EQ(base.config.gates[0].lanes.size(), 16u);
  ASSERT_EQ(risk.config.gates[0].lanes.size(), 16u);
  EXPECT_EQ(risk.config.gates[0].lanes[13].id, "in-14");
  EXPECT_EQ(risk.config.gates[0].lanes[14].kind, portsim::port::LaneKind::TrustedTrader);
  EXPECT_EQ(risk.config.gates[0].entry, "city_road");  // inherited from the base
  EXPECT_EQ(risk.config.customs.selection, portsim::port::SelectionMode::Risk);
}

TEST(ScenarioLoader, ErrorMessages) {
  EXPECT_EQ(load_error("lane_count_negative.yaml"),
            "tests/data/lane_count_negative.yaml:5:24: error: gates[0].lanes[0].count: expected an integer in [1, 1000], got -2");
  EXPECT_EQ(load_error("lane_count_text.yaml"),
            "tests/data/lane_count_text.yaml:5:24: error: gates[0].lanes[0].count: expected an integer in [1, 1000], got \"two\"");
  EXPECT_EQ(load_error("unknown_key.yaml"),
            "tests/data/unknown_key.yaml:3:19: error: demand.trucks_per_dya: unknown key \"trucks_per_dya\" (did you mean \"trucks_per_day\"?)");
  EXPECT_EQ(load_error("probability_out_of_range.yaml"),
            "tests/data/probability_out_of_range.yaml:4:15: error: customs.selection.red_rate: expected a number in [0, 1], got 1.5");
  EXPECT_EQ(load_error("negative_time.yaml"),
            "tests/data/negative_time.yaml:2:11: error: duration: expected a duration >= 0, got \"-3h\"");
  EXPECT_EQ(load_error("bad_duration_unit.yaml"),
            "tests/data/bad_duration_unit.yaml:2:11: error: duration: invalid duration \"2 weeks\": unknown unit \"weeks\"; "
            "expected a number followed by a unit (ms, s, min, h, d), for example \"90s\", \"2.5min\", \"1h\" or \"3d\"");
  EXPECT_EQ(load_error("bad_distribution.yaml"),
            "tests/data/bad_distribution.yaml:2:12: error: yard_time: invalid distribution \"lognormal(30min)\": lognormal "
            "takes 2 arguments, got 1");
  EXPECT_EQ(load_error("negative_distribution_mean.yaml"),
            "tests/data/negative_distribution_mean.yaml:3:20: error: steps.identify_manual: invalid distribution "
            "\"exponential(-5s)\": exponential(mean): mean must be > 0, got -5");
  EXPECT_EQ(load_error("unknown_node.yaml"),
            "tests/data/unknown_node.yaml:4:11: error: gates[0].yard: unknown node \"parking\"");
  EXPECT_EQ(load_error("unreachable_exit.yaml"),
            "tests/data/unreachable_exit.yaml:16:11: error: gates[0].exit: no road leads from \"yard\" to \"out\"");
  EXPECT_EQ(load_error("unknown_device.yaml"),
            "tests/data/unknown_device.yaml:5:27: error: gates[0].lanes[0].devices[0]: unknown device \"ocr\"");
  EXPECT_EQ(load_error("lane_kind_typo.yaml"),
            "tests/data/lane_kind_typo.yaml:5:23: error: gates[0].lanes[0].kind: expected one of general, trusted_trader, "
            "appointment_only, paperless_only, got \"genral\" (did you mean \"general\"?)");
  EXPECT_EQ(load_error("no_officers.yaml"),
            "tests/data/no_officers.yaml:3:3: error: customs.officer_shifts: no officer is ever on duty: inspections could "
            "never end");
  EXPECT_EQ(load_error("yaml_syntax.yaml"),
            "tests/data/yaml_syntax.yaml:3:1: error: YAML syntax: end of map flow not found");
  EXPECT_EQ(load_error("missing.yaml"),
            "tests/data/missing.yaml: error: cannot open the file (No such file or directory)");
}

TEST(ScenarioLoader, CollectsEveryProblemBeforeFailing) {
  EXPECT_EQ(load_error("many_problems.yaml"),
            "tests/data/many_problems.yaml:2:11: error: duration: invalid duration \"soon\": no number; expected a number "
            "followed by a unit (ms, s, min, h, d), for example \"90s\", \"2.5min\", \"1h\" or \"3d\"\n"
            "tests/data/many_problems.yaml:4:19: error: demand.trucks_per_day: expected a number in [0, 100000], got -10\n"
            "tests/data/many_problems.yaml:5:16: error: demand.eseal_share: expected a number in [0, 1], got 2\n"
            "tests/data/many_problems.yaml:8:15: error: customs.officer_shifts[0].hours: expected a time-of-day window "
            "\"HH:MM-HH:MM\" (for example \"06:00-22:00\"), each time from 00:00 to 24:00, got \"25:00-06:00\"");
}

TEST(ScenarioLoader, BadSetOverridesAreInputErrors) {
  EXPECT_EQ(load_error("base_ok.yaml", {"gates[3].lanes=2"}),
            "--set: error: gates[3] does not exist in the scenario");
  EXPECT_EQ(load_error("base_ok.yaml", {"demand.trucks_per_day"}),
            "--set: error: expected key.path=value, got \"demand.trucks_per_day\"");
  EXPECT_EQ(load_error("base_ok.yaml", {"demand.trucks_per_day=lots"}),
            "--set demand.trucks_per_day=lots: error: demand.trucks_per_day: expected a number in [0, 100000], got \"lots\"");
}

TEST(ScenarioLoader, EveryShippedScenarioLoads) {
  for (const char* f : {"baseline", "paperless", "smart-gate", "risk-targeting", "single-window", "appointments",
                        "it-outage", "it-outage-dr", "nii-scanners", "otay-mesa"}) {
    EXPECT_NO_THROW(io::load_scenario(std::string("scenarios/") + f + ".yaml")) << f;
  }
}

TEST(DistributionText, ParsesEveryForm) {
  EXPECT_DOUBLE_EQ(io::parse_distribution("90s").mean(), 90);
  EXPECT_DOUBLE_EQ(io::parse_distribution("lognormal(90s, 30s)").variance(), 900);
  EXPECT_DOUBLE_EQ(io::parse_distribution("erlang(3, 2min)").mean(), 120);
  EXPECT_DOUBLE_EQ(io::parse_distribution("triangular(-30min, 0s, 30min)").mean(), 0);
  EXPECT_DOUBLE_EQ(io::parse_distribution("empirical(30s, 60s)").mean(), 45);
  EXPECT_DOUBLE_EQ(io::parse_distribution("gamma(2, 45s)").mean(), 90);
  EXPECT_THROW(io::parse_distribution("erlang(2.5, 1min)"), std::invalid_argument);
  EXPECT_THROW(io::parse_distribution("normal(1s, 2s)"), std::invalid_argument);
  EXPECT_THROW(io::parse_distribution("uniform(1, 2)"), std::invalid_argument);
}
