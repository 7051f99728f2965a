// The truck tracker on its own: slots are reused after a truck leaves (memory stays flat), and the
// snapshot views place trucks on their road by elapsed time.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "sim/port/truck_tracker.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;

namespace {
k::SimTime at(k::Duration d) { return k::SimTime{d}; }
}  // namespace

TEST(TruckTracker, AdmitGivesATravellingSlotAtTheTrucksGate) {
  p::TruckTracker tracker;
  p::Truck t = make_truck(42);
  t.gate = 1;
  const std::size_t s = tracker.admit(t);
  EXPECT_EQ(s, 0u);
  const p::TruckPosition& pos = tracker.at(s);
  EXPECT_TRUE(pos.used);
  EXPECT_EQ(pos.id, 42u);
  EXPECT_EQ(pos.gate, 1);
  EXPECT_EQ(pos.state, p::TruckState::Travelling);
  EXPECT_EQ(pos.lane, -1);
  EXPECT_EQ(pos.road, -1);
  EXPECT_EQ(pos.node, -1);
  EXPECT_EQ(pos.route, nullptr);
}

TEST(TruckTracker, SlotsAreReusedLastFreedFirst) {
  p::TruckTracker tracker;
  EXPECT_EQ(tracker.admit(make_truck(1)), 0u);
  EXPECT_EQ(tracker.admit(make_truck(2)), 1u);
  EXPECT_EQ(tracker.admit(make_truck(3)), 2u);
  tracker.leave(1);
  EXPECT_FALSE(tracker.at(1).used);
  EXPECT_EQ(tracker.admit(make_truck(4)), 1u);
  EXPECT_EQ(tracker.at(1).id, 4u);
  tracker.leave(0);
  tracker.leave(2);
  EXPECT_EQ(tracker.admit(make_truck(5)), 2u);
  EXPECT_EQ(tracker.admit(make_truck(6)), 0u);
  EXPECT_EQ(tracker.admit(make_truck(7)), 3u);  // none free: a new slot
}

TEST(TruckTracker, ReusedSlotForgetsThePreviousTruck) {
  p::TruckTracker tracker;
  const std::size_t s = tracker.admit(make_truck(1));
  tracker.at(s).state = p::TruckState::Released;
  tracker.at(s).lane = 3;
  tracker.at(s).road = 2;
  tracker.leave(s);
  EXPECT_EQ(tracker.admit(make_truck(2)), s);
  EXPECT_EQ(tracker.at(s).state, p::TruckState::Travelling);
  EXPECT_EQ(tracker.at(s).lane, -1);
  EXPECT_EQ(tracker.at(s).road, -1);
}

TEST(TruckTracker, MemoryStaysFlatOverManyVisits) {
  // 10,000 visits, at most three at a time: never more than three slots.
  p::TruckTracker tracker;
  ComponentWorld w(tiny_port_yaml());
  std::vector<std::size_t> in_port;
  std::size_t highest = 0;
  for (std::uint32_t id = 1; id <= 10'000; ++id) {
    if (in_port.size() == 3) {
      tracker.leave(in_port.front());
      in_port.erase(in_port.begin());
    }
    in_port.push_back(tracker.admit(make_truck(id)));
    highest = std::max(highest, in_port.back());
  }
  EXPECT_EQ(highest, 2u);
  std::vector<p::Snapshot::TruckView> views;
  tracker.views(k::SimTime{}, w.layout, views);
  EXPECT_EQ(views.size(), 3u);  // free slots are not shown
}

TEST(TruckTracker, ViewsOnARoadByElapsedTime) {
  ComponentWorld w(tiny_port_yaml());  // roads of 10 s each: in-buffer, buffer-gate, gate-yard, yard-out
  p::TruckTracker tracker;
  const std::size_t s = tracker.admit(make_truck(7));
  p::TruckPosition& pos = tracker.at(s);
  pos.road = 1;
  pos.road_since = at(100s);
  pos.road_time = 10s;
  std::vector<p::Snapshot::TruckView> views;
  tracker.views(at(104s), w.layout, views);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].id, p::TruckId{7});
  EXPECT_EQ(views[0].road, 1);
  EXPECT_DOUBLE_EQ(views[0].road_progress, 0.4);
  EXPECT_EQ(views[0].node, -1);
  views.clear();
  tracker.views(at(130s), w.layout, views);  // waiting at the end of the road
  EXPECT_DOUBLE_EQ(views[0].road_progress, 1.0);
}

TEST(TruckTracker, FreeFlowDriveIsPlacedOnItsRoadByElapsedTime) {
  ComponentWorld w(tiny_port_yaml());
  const p::Layout::Route* route = w.layout.route(w.layout.node_index("in"), w.layout.node_index("out"));
  ASSERT_NE(route, nullptr);
  ASSERT_EQ(*route, (p::Layout::Route{0, 1, 2, 3}));
  p::TruckTracker tracker;
  const std::size_t s = tracker.admit(make_truck(1));
  p::TruckPosition& pos = tracker.at(s);
  pos.state = p::TruckState::Released;
  pos.node = 3;  // in the yard until the drive starts
  pos.route = route;
  pos.route_since = at(100s);
  const auto view_at = [&](k::Duration t) {
    std::vector<p::Snapshot::TruckView> v;
    tracker.views(at(t), w.layout, v);
    return v.at(0);
  };
  const auto before = view_at(90s);
  EXPECT_EQ(before.node, 3);
  EXPECT_EQ(before.road, -1);
  const auto third = view_at(125s);
  EXPECT_EQ(third.road, 2);
  EXPECT_DOUBLE_EQ(third.road_progress, 0.5);
  EXPECT_EQ(third.node, -1);
  EXPECT_EQ(third.state, p::TruckState::Released);  // a released truck stays released while it drives
  const auto after = view_at(200s);
  EXPECT_EQ(after.road, 3);
  EXPECT_DOUBLE_EQ(after.road_progress, 1.0);
  pos.state = p::TruckState::Queued;
  EXPECT_EQ(view_at(105s).state, p::TruckState::Travelling);
}
