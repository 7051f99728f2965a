// The viz controller without a window: restart, lockstep comparison, what-if levers, replay.
#include "viz/viz_controller.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/trace.hpp"
#include "tests/port/test_scenarios.hpp"

namespace pv = portsim::viz;
namespace p = portsim::port;
namespace k = portsim::kernel;
using std::chrono::minutes;

namespace {

/// A scenario file in the temp directory (the controller loads files, as the window does).
std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("portsim_viz_" + name + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

/// The tiny port with random arrivals, so that the seed matters.
std::string tiny_random(int lanes) {
  return portsim::test::tiny_port_yaml(lanes, "exponential(40s)", "lognormal(60s, 30s)");
}

/// Every field of a snapshot, one line per truck and lane (readable when two differ).
std::string describe(const p::Snapshot& s) {
  std::ostringstream o;
  o << "t=" << s.time.time_since_epoch().count() << " exited=" << s.trucks_exited << " up=" << s.system_up << "\n";
  for (const auto& t : s.trucks) {
    o << "T " << static_cast<unsigned>(t.id) << " " << p::to_string(t.state) << " " << t.gate << " " << t.lane << " "
      << t.road << " " << t.road_progress << " " << t.node << "\n";
  }
  for (const auto& l : s.lanes) {
    o << "L " << l.gate << " " << l.lane << " " << l.open << l.busy << l.device_failed << " " << l.queue << "\n";
  }
  for (std::size_t g = 0; g < s.gate_queue.size(); ++g) o << "Q " << s.gate_queue[g] << " " << s.gate_spillback[g] << "\n";
  return o.str();
}

/// Snapshots of side A every 5 simulated minutes for an hour, stepping the controller.
std::vector<std::string> first_hour(pv::VizController& ctl) {
  std::vector<std::string> out;
  for (int i = 0; i < 12; ++i) {
    ctl.step(minutes(5));
    out.push_back(describe(ctl.snapshot(ctl.a())));
  }
  return out;
}

}  // namespace

TEST(VizController, RestartGivesTheSameSnapshotsAsAFreshStart) {
  const std::string file = write_scenario("restart", tiny_random(2));
  pv::VizController fresh;
  ASSERT_TRUE(fresh.open(file, {}, 7)) << fresh.error();
  const auto expected = first_hour(fresh);
  ASSERT_NE(expected.front(), expected.back());  // trucks come and go

  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(file, {}, 7));
  ctl.step(minutes(95));
  ctl.restart();
  EXPECT_EQ(ctl.clock(), k::time_zero);
  EXPECT_EQ(ctl.a().run->now(), k::time_zero);
  EXPECT_TRUE(ctl.a().gate_queue[0].values().empty());
  EXPECT_EQ(first_hour(ctl), expected);
  EXPECT_EQ(ctl.a().gate_queue[0].values(), fresh.a().gate_queue[0].values());
  EXPECT_EQ(ctl.a().throughput.values(), fresh.a().throughput.values());

  // Another seed gives another day; restarting with a new seed is seed + 1 from time 0.
  pv::VizController other;
  ASSERT_TRUE(other.open(file, {}, 8));
  const auto seed8 = first_hour(other);
  EXPECT_NE(seed8, expected);
  ctl.restart_with_new_seed();
  EXPECT_EQ(ctl.seed(), 8u);
  EXPECT_EQ(first_hour(ctl), seed8);
}

TEST(VizController, LockstepKeepsBothRunsAtTheSameTime) {
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(write_scenario("lock_a", tiny_random(1)), {}, 3));
  ASSERT_TRUE(ctl.open_compare(write_scenario("lock_b", tiny_random(3))));
  ASSERT_NE(ctl.b(), nullptr);
  const p::Layout* layout_a = ctl.a().layout.get();
  ctl.set_speed(600);
  for (double real : {0.25, 1.0, 0.5, 3.5}) {
    ctl.advance(real);
    EXPECT_EQ(ctl.a().run->now(), ctl.clock());
    EXPECT_EQ(ctl.b()->run->now(), ctl.clock());
  }
  EXPECT_EQ(ctl.clock(), k::time_zero + std::chrono::seconds(150 + 600 + 300 + 2100));
  ctl.jump_to(k::time_zero + minutes(90));
  EXPECT_EQ(ctl.b()->run->now(), k::time_zero + minutes(90));
  ctl.jump_to(k::time_zero + minutes(10));  // live runs cannot go back
  EXPECT_EQ(ctl.clock(), k::time_zero + minutes(90));
  EXPECT_EQ(ctl.a().run->now(), k::time_zero + minutes(90));
  // Both sides sampled at the same instants: 90 min of 5-minute samples plus time 0.
  EXPECT_EQ(ctl.a().gate_queue[0].values().size(), 19u);
  EXPECT_EQ(ctl.b()->gate_queue[0].values().size(), 19u);
  EXPECT_EQ(ctl.a().throughput.values().size(), 1u);
  // The layout was built once, at load.
  EXPECT_EQ(ctl.a().layout.get(), layout_a);
  EXPECT_EQ(ctl.a().layout->node_count(), 5u);
  EXPECT_FLOAT_EQ(ctl.a().bounds.max_x, 400);
  // Paused, nothing moves.
  ctl.set_playing(false);
  ctl.advance(10);
  EXPECT_EQ(ctl.clock(), k::time_zero + minutes(90));
}

TEST(VizController, ComparingAScenarioWithItselfUsesCommonRandomNumbers) {
  const std::string file = write_scenario("crn", tiny_random(2));
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(file, {}, 5));
  ASSERT_TRUE(ctl.open_compare(file));
  for (int i = 0; i < 6; ++i) {
    ctl.step(minutes(7));
    EXPECT_EQ(describe(ctl.snapshot(*ctl.b())), describe(ctl.snapshot(ctl.a())));
  }
}

TEST(VizController, AWhatIfLeverRestartsFromTimeZeroWithTheNewValue) {
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(write_scenario("whatif", tiny_random(2)), {}, 1));
  ASSERT_TRUE(ctl.open_compare(write_scenario("whatif_b", tiny_random(2))));
  EXPECT_EQ(ctl.levers().lanes, 2);
  EXPECT_FLOAT_EQ(ctl.levers().red_rate, 0);
  ctl.step(minutes(30));
  pv::Levers l = ctl.levers();
  l.lanes = 5;
  l.red_rate = 0.05f;
  ctl.set_levers(l);
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 2u);  // not applied yet
  ctl.apply_levers();
  EXPECT_EQ(ctl.clock(), k::time_zero);
  for (const pv::Side* s : {&ctl.a(), ctl.b()}) {
    EXPECT_EQ(s->run->now(), k::time_zero);
    EXPECT_EQ(s->config->gates[0].lanes.size(), 5u);
    EXPECT_DOUBLE_EQ(s->config->customs.red_rate, 0.05);
    EXPECT_EQ(s->levers.lanes, 5);
    EXPECT_EQ(ctl.snapshot(*s).lanes.size(), 5u);
  }
  // A restart keeps the levers.
  ctl.step(minutes(10));
  ctl.restart();
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 5u);
  EXPECT_EQ(ctl.clock(), k::time_zero);
}

TEST(VizController, LeversComeFromTheLaneEntriesNotTheLaneNames) {
  // Entries of 1, 2 and 2 lanes named gp-a, gp-b-1, gp-b-2, gp-c-1, gp-c-2 (as in otay-mesa.yaml).
  std::string yaml = tiny_random(1);
  const std::string one = "      - {id: l, count: 1}\n";
  yaml.replace(yaml.find(one), one.size(),
               "      - {id: gp-a}\n      - {id: gp-b, count: 2}\n      - {id: gp-c, count: 2}\n");
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(write_scenario("entries", yaml), {}, 1)) << ctl.error();
  EXPECT_EQ(ctl.a().config->gates[0].lanes[1].id, "gp-b-1");
  EXPECT_EQ(ctl.a().gate0_lane_entries, (std::vector<int>{1, 2, 2}));
  EXPECT_EQ(ctl.levers().lanes, 1);
  pv::Levers l = ctl.levers();
  l.devices_on = false;
  l.lanes = 3;
  ctl.set_levers(l);
  EXPECT_EQ(pv::lever_overrides(ctl.a()),
            (std::vector<std::string>{"gates[0].lanes[0].count=3",
                                      "customs.declarations={paper: 1.0000, electronic: 0.0000, pre_arrival: 0.0000}",
                                      "customs.selection.red_rate=0.0000", "customs.selection.yellow_rate=0.0000",
                                      "gates[0].lanes[0].devices=[]", "gates[0].lanes[1].devices=[]",
                                      "gates[0].lanes[2].devices=[]"}));
  ctl.apply_levers();
  ASSERT_TRUE(ctl.error().empty()) << ctl.error();
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 7u);
  EXPECT_EQ(ctl.a().gate0_lane_entries, (std::vector<int>{3, 2, 2}));
}

TEST(VizController, DevicesOffClearsEveryLaneOfAnExtendedScenario) {
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open("scenarios/smart-gate.yaml", {}, 1)) << ctl.error();
  const auto& lanes = ctl.a().config->gates[0].lanes;
  ASSERT_EQ(lanes.size(), 16u);  // {id: in, count: 16} from baseline.yaml, devices from smart-gate.yaml
  EXPECT_EQ(lanes[15].devices.size(), 4u);
  EXPECT_EQ(ctl.levers().lanes, 16);
  EXPECT_EQ(ctl.levers().ocr_device, 0);
  EXPECT_FLOAT_EQ(ctl.levers().ocr_accuracy, 0.97f);
  pv::Levers l = ctl.levers();
  l.devices_on = false;
  l.ocr_accuracy = 0.9f;
  ctl.set_levers(l);
  ctl.apply_levers();
  ASSERT_TRUE(ctl.error().empty()) << ctl.error();
  for (const auto& lane : ctl.a().config->gates[0].lanes) EXPECT_TRUE(lane.devices.empty()) << lane.id;
  EXPECT_DOUBLE_EQ(ctl.a().config->devices[0].read_success, 0.9);
}

TEST(VizController, ABadLeverKeepsTheLastRunAndSaysWhy) {
  pv::VizController ctl;
  ASSERT_TRUE(ctl.open(write_scenario("bad", tiny_random(2)), {}, 1));
  ctl.step(minutes(20));
  pv::Levers l = ctl.levers();
  l.lanes = 0;
  l.red_rate = 2;  // not a probability
  ctl.set_levers(l);
  ctl.apply_levers();
  EXPECT_NE(ctl.error().find("customs.selection.red_rate"), std::string::npos) << ctl.error();
  EXPECT_EQ(ctl.a().config->gates[0].lanes.size(), 2u);
  ctl.set_playing(true);
  ctl.advance(1);  // no play while an error shows
  EXPECT_EQ(ctl.clock(), k::time_zero);
}

TEST(VizController, ReplayStepsThroughTheTraceFramesInOrder) {
  const std::string file = write_scenario("replay", tiny_random(2));
  const auto trace_path = (std::filesystem::temp_directory_path() / "portsim_viz_replay.trace").string();
  const auto loaded = portsim::io::load_scenario(file);
  portsim::experiment::record_trace(loaded.config, {file, loaded.canonical_text, 11, minutes(10)}, std::chrono::hours(1),
                                    trace_path);
  auto trace = portsim::io::read_trace(trace_path);
  ASSERT_EQ(trace.frames.size(), 7u);
  std::vector<std::string> frames;
  for (const auto& f : trace.frames) frames.push_back(describe(f));

  pv::VizController ctl;
  ASSERT_TRUE(ctl.open_replay(std::move(trace), {})) << ctl.error();
  EXPECT_TRUE(ctl.replaying());
  EXPECT_EQ(ctl.a().run, nullptr);
  EXPECT_EQ(ctl.seed(), 11u);
  EXPECT_EQ(ctl.a().config->name, "tiny");
  EXPECT_EQ(describe(ctl.snapshot(ctl.a())), frames[0]);
  // Playing at 300x, each real second is half a frame: every frame shown, in order, then a stop.
  ctl.set_speed(300);
  std::vector<std::size_t> shown;
  while (ctl.playing()) {
    ctl.advance(1);
    if (shown.empty() || shown.back() != ctl.trace_frame()) shown.push_back(ctl.trace_frame());
    EXPECT_EQ(describe(ctl.snapshot(ctl.a())), frames[ctl.trace_frame()]);
  }
  EXPECT_EQ(shown, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(ctl.clock(), k::time_zero + minutes(60));
  // A replay can go back, to the last frame at or before the time.
  ctl.jump_to(k::time_zero + minutes(25));
  EXPECT_EQ(ctl.trace_frame(), 2u);
  ctl.restart();
  EXPECT_EQ(ctl.trace_frame(), 0u);
  EXPECT_EQ(ctl.clock(), k::time_zero);
  std::filesystem::remove(trace_path);
}
