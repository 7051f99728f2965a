// The scenario schema: the README's reference is the table's, defaults are the model's, and the keys
// with a shape of their own (rules across keys, lists of a fixed size, lane counts) keep their
// messages, each asserted in full.
#include "sim/io/scenario_schema.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/io/scenario_loader.hpp"
#include "sim/io/schema_markdown.hpp"

namespace io = portsim::io;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The text between the line `<!-- schema:begin ... -->` and the line `<!-- schema:end -->`.
std::string readme_reference(const std::string& readme) {
  const auto begin = readme.find("<!-- schema:begin");
  const auto end = readme.find("<!-- schema:end -->");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return "(no schema markers)";
  const auto first = readme.find('\n', begin) + 1;
  return readme.substr(first, end - first);
}

/// Every key of the schema by its path pattern (gates[].lanes[].count).
std::map<std::string, io::FieldSpec> keys_by_path() {
  std::map<std::string, io::FieldSpec> out;
  std::function<void(const std::vector<io::FieldSpec>&, const std::string&)> walk =
      [&](const std::vector<io::FieldSpec>& specs, const std::string& path) {
        for (const auto& s : specs) {
          if (s.type == io::FieldType::Rule) continue;
          const std::string key = path.empty() ? s.key : path + "." + s.key;
          EXPECT_TRUE(out.emplace(key, s).second) << key << " is declared twice";
          walk(s.children, s.type == io::FieldType::List ? key + "[]" : key);
        }
      };
  walk(io::scenario_schema().specs(), "");
  return out;
}

std::string load_error(const std::vector<std::string>& sets) {
  try {
    io::load_scenario("tests/data/base_ok.yaml", sets);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(ScenarioSchema, ReadmeReferenceIsTheSchemasMarkdown) {
  const std::string readme = read_file("scenarios/README.md");
  ASSERT_FALSE(readme.empty()) << "run the tests from the repository root";
  EXPECT_EQ(readme_reference(readme), io::schema_markdown())
      << "scenarios/README.md's reference differs from the schema (sim/io/scenario_schema.cpp): put the output "
         "of `portsim schema` between its <!-- schema:begin --> and <!-- schema:end --> lines";
}

TEST(ScenarioSchema, EveryKeyHasADocAndAType) {
  const auto keys = keys_by_path();
  EXPECT_GT(keys.size(), 100u);
  for (const auto& [path, s] : keys) {
    EXPECT_FALSE(s.doc.empty()) << path;
    if (s.type == io::FieldType::Choice) {
      EXPECT_FALSE(s.choices.empty()) << path;
    }
  }
  for (const char* path : {"gates[].lanes[].count", "customs.selection.targeting_quality", "layout.roads[].speed_kmh",
                           "demand.appointments.slot_length", "customs.officer_shifts[].officers"}) {
    EXPECT_TRUE(keys.count(path)) << path;
  }
}

TEST(ScenarioSchema, DefaultsAreTheModelsAsAFileWritesThem) {
  const auto keys = keys_by_path();
  const auto default_of = [&](const std::string& path) { return keys.at(path).default_text; };
  EXPECT_EQ(default_of("duration"), "1d");
  EXPECT_EQ(default_of("warmup"), "0s");
  EXPECT_EQ(default_of("yard_time"), "triangular(15min, 30min, 1h)");
  EXPECT_EQ(default_of("demand.mode"), "profile");
  EXPECT_EQ(default_of("demand.profile"), "24 × 1");
  EXPECT_EQ(default_of("demand.container_probs"), "[0.1, 0.75, 0.15]");
  EXPECT_EQ(default_of("demand.interarrival"), "exponential(1min)");
  EXPECT_EQ(default_of("demand.appointments.punctuality"), "triangular(-30min, 0s, 30min)");
  EXPECT_EQ(default_of("devices[].read_time"), "3s");
  EXPECT_EQ(default_of("devices[].time_to_failure"), "never");
  EXPECT_EQ(default_of("gates[].lane_choice"), "shortest_queue");
  EXPECT_EQ(default_of("gates[].lanes[].count"), "1");
  EXPECT_EQ(default_of("gates[].lanes[].check_seal"), "true");
  EXPECT_EQ(default_of("gates[].lanes[].open"), "[]");
  EXPECT_EQ(default_of("customs.inspection_bays"), "4");
  EXPECT_EQ(default_of("customs.agency_checks"), "[triangular(5min, 10min, 30min)]");
  EXPECT_EQ(default_of("customs.officer_shifts"), "[{hours: \"00:00-24:00\", officers: 10}]");
  EXPECT_EQ(default_of("customs.dr_switchover"), "");
  EXPECT_EQ(default_of("emissions.co2_kg_per_gal"), "10.2");
  EXPECT_EQ(keys.at("gates[].lanes[].kind").choices,
            (std::vector<std::string>{"general", "trusted_trader", "appointment_only", "paperless_only"}));
  EXPECT_EQ(keys.at("layout.nodes[].id").missing, "missing: every node needs an id");
}

TEST(ScenarioSchema, EveryDefaultReadsBackAsAValueOfItsType) {
  for (const auto& [path, s] : keys_by_path()) {
    if (s.default_text.empty() || s.default_text == "never") continue;
    if (s.type == io::FieldType::Distribution) {
      EXPECT_NO_THROW(io::parse_distribution(s.default_text)) << path;
    } else if (s.type == io::FieldType::Duration) {
      EXPECT_NO_THROW(portsim::kernel::parse_duration(s.default_text)) << path;
    }
  }
}

TEST(ScenarioSchema, DistributionTextIsTheFileForm) {
  namespace k = portsim::kernel;
  using io::schema_detail::distribution_text;
  EXPECT_EQ(distribution_text(k::Distribution::triangular(900, 1800, 3600)), "triangular(15min, 30min, 1h)");
  EXPECT_EQ(distribution_text(k::Distribution::constant(2)), "2s");
  EXPECT_EQ(distribution_text(k::Distribution::gamma(2, 45)), "gamma(2, 45s)");
  EXPECT_EQ(distribution_text(k::Distribution::erlang(3, 90)), "erlang(3, 1.5min)");
  EXPECT_EQ(distribution_text(k::Distribution::lognormal(90, 30)), "lognormal(1.5min, 30s)");
  for (const auto& d : {k::Distribution::uniform(60, 120), k::Distribution::weibull(1.5, 100),
                        k::Distribution::exponential(36), k::Distribution::triangular(-1800, 0, 1800)}) {
    EXPECT_EQ(io::parse_distribution(distribution_text(d)).describe(), d.describe()) << distribution_text(d);
  }
}

TEST(ScenarioSchema, RulesAcrossKeysKeepTheirMessages) {
  EXPECT_EQ(load_error({"demand.import_share=0.7", "demand.export_share=0.5"}),
            "--set demand.export_share=0.5: error: demand.export_share: import_share + export_share must be <= 1");
  EXPECT_EQ(load_error({"demand.container_probs=[0.5, 0.6, 0.1]"}),
            "--set demand.container_probs=[0.5, 0.6, 0.1]: error: demand.container_probs: the probabilities must sum to 1");
  EXPECT_EQ(load_error({"demand.profile=[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"}),
            "--set demand.profile=[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]: error: demand.profile: the "
            "weights must not all be 0");
  EXPECT_EQ(load_error({"customs.declarations={paper: 0.5, electronic: 0.6}"}),
            "--set customs.declarations={paper: 0.5, electronic: 0.6}: error: customs.declarations: paper + electronic "
            "+ pre_arrival must sum to 1, got 1.100000");
  EXPECT_EQ(load_error({"customs.selection={yellow_rate: 0.6, red_rate: 0.5}"}),
            "--set customs.selection={yellow_rate: 0.6, red_rate: 0.5}: error: customs.selection: yellow_rate + "
            "red_rate must be <= 1");
  EXPECT_EQ(load_error({"demand.interarrival=0s"}),
            "--set demand.interarrival=0s: error: demand.interarrival: expected a mean of at least 1s (the model "
            "repeats this time), got \"0s\"");
  EXPECT_EQ(load_error({"devices=[{id: a, kind: ocr_camera, lifetime_years: 0}, {id: a, kind: rfid_reader}]"}),
            "--set devices=[{id: a, kind: ocr_camera, lifetime_years: 0}, {id: a, kind: rfid_reader}]: error: "
            "devices[0].lifetime_years: expected a number > 0, got 0\n"
            "--set devices=[{id: a, kind: ocr_camera, lifetime_years: 0}, {id: a, kind: rfid_reader}]: error: "
            "devices[1].id: duplicate device id \"a\"");
}

TEST(ScenarioSchema, ListsOfAShapeKeepTheirMessages) {
  EXPECT_EQ(load_error({"demand.container_probs=[0.5, 0.5]"}),
            "--set demand.container_probs=[0.5, 0.5]: error: demand.container_probs: expected 3 probabilities (0, 1 "
            "and 2 containers), got 2");
  EXPECT_EQ(load_error({"demand.profile=[1,2]"}),
            "--set demand.profile=[1,2]: error: demand.profile: expected 24 (hour of day) or 168 (hour of week) "
            "weights, got 2");
  EXPECT_EQ(load_error({"customs.agency_checks=[1s, 2s, 3s, 4s, 5s]"}),
            "--set customs.agency_checks=[1s, 2s, 3s, 4s, 5s]: error: customs.agency_checks: at most 4 agency checks "
            "are modelled, got 5");
  EXPECT_EQ(load_error({"layout.roads[0].speed_kmh=0"}),
            "--set layout.roads[0].speed_kmh=0: error: layout.roads[0].speed_kmh: expected a speed > 0, got 0");
  EXPECT_EQ(load_error({"customs.outages=[{start: 1h}]"}),
            "--set customs.outages=[{start: 1h}]: error: customs.outages[0].duration: missing: how long the outage "
            "lasts, such as \"2h\"");
  EXPECT_EQ(load_error({"customs.officer_shifts=[{officers: 3}]"}),
            "--set customs.officer_shifts=[{officers: 3}]: error: customs.officer_shifts[0].hours: missing: the "
            "shift's hours, such as \"06:00-14:00\"");
}

TEST(ScenarioSchema, ListedValuesReplaceTheDefaultsAndLanesExpandByCount) {
  const auto s = io::load_scenario("tests/data/base_ok.yaml",
                                   {"gates[0].lanes=[{count: 2}, {kind: trusted_trader}]",
                                    "customs.officer_shifts=[{hours: \"06:00-14:00\", officers: 3}]",
                                    "customs.agency_checks=[1min]", "devices=[{id: x, kind: ocr_camera, "
                                    "time_to_failure: never}, {id: y, kind: ocr_camera, time_to_failure: 2h}]"});
  const auto& lanes = s.config.gates.at(0).lanes;
  ASSERT_EQ(lanes.size(), 3u);
  EXPECT_EQ(lanes[0].id, "lane1-1");
  EXPECT_EQ(lanes[1].id, "lane1-2");
  EXPECT_EQ(lanes[2].id, "lane2");
  EXPECT_EQ(lanes[2].kind, portsim::port::LaneKind::TrustedTrader);
  const auto& shifts = s.config.customs.officer_shifts;
  ASSERT_EQ(shifts.size(), 1u);
  EXPECT_EQ(shifts[0].from, std::chrono::hours(6));
  EXPECT_EQ(shifts[0].to, std::chrono::hours(14));
  EXPECT_EQ(shifts[0].count, 3);
  ASSERT_EQ(s.config.customs.agency_checks.size(), 1u);
  EXPECT_DOUBLE_EQ(s.config.customs.agency_checks[0].mean(), 60);
  ASSERT_EQ(s.config.devices.size(), 2u);
  EXPECT_FALSE(s.config.devices[0].time_to_failure.has_value());
  ASSERT_TRUE(s.config.devices[1].time_to_failure.has_value());
  EXPECT_DOUBLE_EQ(s.config.devices[1].time_to_failure->mean(), 7200);
  EXPECT_DOUBLE_EQ(s.config.customs.paper_share, 1.0);  // no declarations key: all paper
}
