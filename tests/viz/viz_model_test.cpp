// The snapshot-to-picture functions of portsim-viz, without a window.
#include "viz/viz_model.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/port/test_scenarios.hpp"
#include "viz/chart_axes.hpp"

namespace pv = portsim::viz;
namespace p = portsim::port;

namespace {

struct Fixture {
  portsim::io::LoadedScenario sc = portsim::test::load_text(portsim::test::tiny_port_yaml(3));
  p::Layout layout{sc.config.nodes, sc.config.roads};
  pv::View view{{0, 0, 800, 600}, 1, {}};
  pv::Bounds bounds = pv::layout_bounds(layout);
};

}  // namespace

TEST(VizModel, PaletteIsDistinctAndLegendComplete) {
  std::set<std::uint32_t> colours;
  for (int s = 0; s <= static_cast<int>(p::TruckState::Released); ++s) {
    colours.insert(pv::truck_colour(static_cast<p::TruckState>(s)).packed());
  }
  EXPECT_EQ(colours.size(), 7u);
  const auto legend = pv::legend();
  ASSERT_EQ(legend.size(), 11u);
  EXPECT_EQ(legend[2].label, "truck queued");
  EXPECT_EQ(legend[2].colour, (pv::Rgba{230, 159, 0, 255}));
  EXPECT_EQ(legend[8].label, "lane busy");
  EXPECT_EQ(pv::Rgba(230, 159, 0, 255).packed(), 0xFF009FE6u);  // IM_COL32 order: A B G R
}

TEST(VizModel, LaneLookPrefersClosedThenFailedThenBusy) {
  p::Snapshot::LaneView lane{0, 0, true, true, false, 0};
  EXPECT_EQ(pv::lane_look(lane), pv::LaneLook::Busy);
  lane.device_failed = true;
  EXPECT_EQ(pv::lane_look(lane), pv::LaneLook::DeviceFailed);
  lane.open = false;
  EXPECT_EQ(pv::lane_look(lane), pv::LaneLook::Closed);
  lane = {0, 0, true, false, false, 0};
  EXPECT_EQ(pv::lane_look(lane), pv::LaneLook::Idle);
}

TEST(VizModel, LayoutFitsTheCanvasWithAMargin) {
  Fixture f;
  // Nodes run from x = 0 to 400 m at y = 0: the ends land 12% in from the canvas edges.
  const pv::Vec2 left = pv::to_screen(f.view, f.bounds, {0, 0});
  const pv::Vec2 right = pv::to_screen(f.view, f.bounds, {400, 0});
  EXPECT_FLOAT_EQ(left.x, 96);
  EXPECT_FLOAT_EQ(right.x, 704);
  EXPECT_FLOAT_EQ(left.y, 300);
  f.view.zoom = 2;
  EXPECT_FLOAT_EQ(pv::to_screen(f.view, f.bounds, {400, 0}).x, 400 + 2 * 304);
  f.view.pan = {10, -5};
  EXPECT_FLOAT_EQ(pv::to_screen(f.view, f.bounds, {200, 0}).y, 295);
}

TEST(VizModel, TrucksArePlacedByState) {
  Fixture f;
  p::Snapshot snap;
  // A truck halfway along road 0 (in -> buffer), two queued for lane 1, one spilled back.
  snap.trucks.push_back({p::TruckId{1}, p::TruckState::Travelling, 0, -1, 0, 0.5, -1});
  snap.trucks.push_back({p::TruckId{2}, p::TruckState::Queued, 0, 1, -1, 0, 2});
  snap.trucks.push_back({p::TruckId{3}, p::TruckState::Queued, 0, 1, -1, 0, 2});
  snap.trucks.push_back({p::TruckId{4}, p::TruckState::SpilledBack, 0, -1, -1, 0, 0});
  const auto marks = pv::truck_marks(f.layout, f.sc.config, snap, f.view, f.bounds);
  ASSERT_EQ(marks.size(), 4u);
  const pv::Vec2 a = pv::to_screen(f.view, f.bounds, {0, 0}), b = pv::to_screen(f.view, f.bounds, {100, 0});
  EXPECT_NEAR(marks[0].pos.x, (a.x + b.x) / 2, 0.01);
  EXPECT_EQ(marks[0].colour, pv::truck_colour(p::TruckState::Travelling));
  const pv::Vec2 gate = pv::gate_position(f.layout, f.sc.config, 0, f.view, f.bounds);
  // Queued trucks stand behind the gate (to the west: trucks come from the west), one behind the other.
  EXPECT_LT(marks[1].pos.x, gate.x);
  EXPECT_LT(marks[2].pos.x, marks[1].pos.x);
  EXPECT_FLOAT_EQ(marks[1].pos.y, marks[2].pos.y);
  // Spilled-back trucks stand at the entry, outside the layout.
  EXPECT_LE(marks[3].pos.x, a.x);
  EXPECT_EQ(pv::pick_truck(marks, marks[2].pos)->id, p::TruckId{3});
  EXPECT_EQ(pv::pick_truck(marks, {0, 0}), nullptr);
}

TEST(VizModel, LaneBoxesSitAcrossTheRoadAtTheGate) {
  Fixture f;
  p::Snapshot snap;
  for (int l = 0; l < 3; ++l) snap.lanes.push_back({0, l, true, l == 1, false, 0});
  const auto boxes = pv::lane_boxes(f.layout, f.sc.config, snap, f.view, f.bounds);
  ASSERT_EQ(boxes.size(), 3u);
  const pv::Vec2 gate = pv::gate_position(f.layout, f.sc.config, 0, f.view, f.bounds);
  EXPECT_NEAR(boxes[1].box.centre().x, gate.x, 0.01);
  EXPECT_NEAR(boxes[1].box.centre().y, gate.y, 0.01);
  EXPECT_NEAR(boxes[2].box.centre().y - boxes[0].box.centre().y, 22, 0.01);  // one lane pitch each side
  EXPECT_EQ(boxes[1].look, pv::LaneLook::Busy);
  EXPECT_EQ(boxes[0].colour, pv::lane_colour(pv::LaneLook::Idle));
}

TEST(VizModel, SeriesKeepsTheLastValuesWithTheirTimes) {
  pv::Series s(3);
  const auto at = [](int min) { return portsim::kernel::time_zero + std::chrono::minutes(min); };
  int t = 0;
  for (float v : {1.f, 5.f, 2.f, 7.f}) s.push(at(t += 5), v);
  EXPECT_EQ(s.values(), (std::vector<float>{5, 2, 7}));
  EXPECT_EQ(s.times(), (std::vector<portsim::kernel::SimTime>{at(10), at(15), at(20)}));
  EXPECT_FLOAT_EQ(s.max(), 7);
  // The last 10 minutes end at 20 min: the samples at 15 and 20 min, not the one at 10.
  EXPECT_FLOAT_EQ(s.mean_over(at(20), std::chrono::minutes(10)), 4.5f);
  EXPECT_FLOAT_EQ(s.mean_over(at(100), std::chrono::minutes(10)), 0.f);
}

std::vector<std::string> labels(const std::vector<pv::Tick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

TEST(VizChartAxes, ValueTicksAreNiceAndCoverTheData) {
  EXPECT_EQ(labels(pv::value_ticks(0, 37, 4)), (std::vector<std::string>{"0", "10", "20", "30", "40"}));
  EXPECT_EQ(labels(pv::value_ticks(0, 7.2, 4)), (std::vector<std::string>{"0", "2", "4", "6", "8"}));
  EXPECT_EQ(labels(pv::value_ticks(0, 0.9, 2)), (std::vector<std::string>{"0", "0.5", "1"}));
  EXPECT_EQ(labels(pv::value_ticks(0, 1000, 4)), (std::vector<std::string>{"0", "500", "1000"}));
  EXPECT_EQ(labels(pv::value_ticks(0, 0, 4)), (std::vector<std::string>{"0", "0.5", "1"}));  // empty data
  EXPECT_EQ(labels(pv::value_ticks(0, 2.4e6, 2)), (std::vector<std::string>{"0", "2000000", "4000000"}));
  EXPECT_EQ(labels(pv::value_ticks(-1e308, 1e308, 4)), (std::vector<std::string>{"0", "0.5", "1"}));  // no finite span
  const auto t = pv::value_ticks(0, 123, 5);
  EXPECT_GE(t.back().value, 123);
  EXPECT_LE(t.size(), 6u);
}

TEST(VizChartAxes, TimeTicksFollowTheClock) {
  using std::chrono::hours;
  using std::chrono::minutes;
  const auto z = portsim::kernel::time_zero;
  // 09:10 to 14:00 with at most 6 ticks: hourly ticks from 10:00, inside the axis.
  EXPECT_EQ(labels(pv::time_ticks(z + hours(9) + minutes(10), z + hours(14), 6)),
            (std::vector<std::string>{"10:00", "11:00", "12:00", "13:00", "14:00"}));
  // Past midnight the day is named.
  EXPECT_EQ(labels(pv::time_ticks(z + hours(18), z + hours(30), 3)),
            (std::vector<std::string>{"18:00", "d2 00:00", "06:00"}));
  const auto half = pv::time_ticks(z, z + hours(2), 5);
  EXPECT_EQ(labels(half), (std::vector<std::string>{"00:00", "00:30", "01:00", "01:30", "02:00"}));
  EXPECT_DOUBLE_EQ(half[1].value, 0.5);
  EXPECT_TRUE(pv::time_ticks(z + hours(1), z + hours(1), 5).empty());
  // Spans longer than the longest step still keep to max_ticks.
  EXPECT_LE(pv::time_ticks(z, z + hours(24 * 365), 6).size(), 6u);
  EXPECT_EQ(pv::hour_minute(z + hours(14) + minutes(5)), "14:05");
}

TEST(VizChartAxes, ScaleBarIsTheLongestNiceLengthThatFits) {
  // 0.5 px per metre, at most 120 px: 200 m is 100 px, 500 m would be 250 px.
  const auto bar = pv::scale_bar(0.5, 120);
  EXPECT_EQ(bar.label, "200 m");
  EXPECT_DOUBLE_EQ(bar.metres, 200);
  EXPECT_FLOAT_EQ(bar.pixels, 100);
  EXPECT_EQ(pv::scale_bar(0.05, 120).label, "2 km");
  EXPECT_EQ(pv::scale_bar(30, 120).label, "2 m");
  EXPECT_EQ(pv::scale_bar(500, 120).label, "1 m");  // even 1 m is longer: still a bar
}

TEST(VizModel, CanvasSplitsInCompareMode) {
  const auto single = pv::map_canvas(1280, 800, false, 0);
  EXPECT_FLOAT_EQ(single.w, 860);
  const auto right = pv::map_canvas(1280, 800, true, 1);
  EXPECT_FLOAT_EQ(right.x, 430);
  EXPECT_FLOAT_EQ(right.w, 430);
}
