// The road network on its own: travel time = length / speed, capacities, and spill-back (A3): a
// truck keeps its place on a capacity-limited road until the next admits it, and a truck that
// holds nothing and finds the first capacity-limited road full waits on the public road.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sim/port/devices.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/road_network.hpp"
#include "sim/port/truck_tracker.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;

namespace {

struct RoadRig {
  explicit RoadRig(const std::vector<std::string>& sets, int buffer_capacity = 0)
      : w(tiny_port_yaml(1, "constant(60s)", "constant(40s)", buffer_capacity), sets),
        devices(w.sim, w.bus),
        gates(w.sim, w.cfg, w.layout, devices, w.bus),
        roads(w.sim, w.layout, w.cfg.roads, tracker, w.bus) {}
  ComponentWorld w;
  p::TruckTracker tracker;
  p::Devices devices;
  p::Gates gates;
  p::RoadNetwork roads;

  p::Truck admit(std::uint32_t id) {
    p::Truck t = make_truck(id);
    t.slot = tracker.admit(t);
    return t;
  }
  p::Gate& gate() { return gates.gate(0); }
};

/// After `delay`, drives the route to the gate (spill-back onto `public_road` when set) and holds
/// the last road's place for `hold` (a truck queued at the lane), then leaves.
k::Process visit(k::Simulation& s, p::RoadNetwork& roads, p::Gate& g, const p::Truck& t, k::Duration delay,
                 k::Duration hold, p::Gate* public_road, double& spilled_s) {
  co_await s.timeout(delay);
  k::Lease held;
  co_await s.start(roads.drive(s, t, *g.to_gate, held, public_road, spilled_s));
  co_await s.timeout(hold);
}

}  // namespace

TEST(RoadNetworkTravel, TravelTimeIsLengthOverSpeedExactly) {
  RoadRig r({"layout.roads[0].length_m=250", "layout.roads[0].speed_kmh=45", "layout.roads[2].length_m=1000",
             "layout.roads[2].speed_kmh=72"});
  const p::Truck t = r.admit(1);
  r.w.run_until_s(5);
  EXPECT_EQ(r.roads.enter_road(t, 0), 20s);  // 250 m at 12.5 m/s
  EXPECT_EQ(r.roads.enter_road(t, 1), 10s);  // 100 m at 10 m/s
  EXPECT_EQ(r.roads.enter_road(t, 2), 50s);  // 1000 m at 20 m/s
  const p::TruckPosition& at = r.tracker.at(t.slot);
  EXPECT_EQ(at.state, p::TruckState::Travelling);
  EXPECT_EQ(at.road, 2);
  EXPECT_EQ(at.node, -1);
  EXPECT_EQ(at.road_since, k::SimTime{5s});
  EXPECT_EQ(at.road_time, 50s);
}

TEST(RoadNetworkTravel, FreeDriveTakesTheRouteTimeAndReleasesWhatTheTruckHeld) {
  RoadRig r({"layout.roads[2].length_m=1000", "layout.roads[2].speed_kmh=72", "layout.roads[3].length_m=50"});
  const p::Truck t = r.admit(1);
  k::Lease held;  // empty: releasing it is a no-op
  EXPECT_EQ(r.roads.free_drive(t, r.gate().to_yard, held), 50s);
  EXPECT_EQ(r.roads.free_drive(t, r.gate().to_exit, held, 300s), 5s);
  const p::TruckPosition& at = r.tracker.at(t.slot);
  EXPECT_EQ(at.route, r.gate().to_exit);
  EXPECT_EQ(at.route_since, k::SimTime{300s});  // the truck stays at its node until then
  EXPECT_EQ(at.road, -1);
}

TEST(RoadNetworkCapacity, OnlyRoadsWithACapacityAreResources) {
  RoadRig r({}, 3);
  EXPECT_EQ(r.roads.capacity(0), nullptr);
  ASSERT_NE(r.roads.capacity(1), nullptr);
  EXPECT_EQ(r.roads.capacity(1)->capacity(), 3);
  EXPECT_TRUE(r.roads.is_limited(r.gate().to_gate));
  EXPECT_FALSE(r.roads.is_limited(r.gate().to_yard));
  RoadRig unlimited({});
  EXPECT_FALSE(unlimited.roads.is_limited(unlimited.gate().to_gate));
}

TEST(RoadNetworkSpillback, FullBufferSpillsTheTruckBackUntilAPlaceFrees) {
  // Buffer road (road 1) holds one truck. A: road 0 from 0 to 10 s, buffer 10-20 s, holds its place
  // until 120 s. B: road 0 from 30 to 40 s, finds the buffer full: on the public road 40-120 s.
  RoadRig r({}, 1);
  const p::Truck a = r.admit(1);
  const p::Truck b = r.admit(2);
  double spilled_a = 0, spilled_b = 0;
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), a, 0s, 100s, &r.gate(), spilled_a));
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), b, 30s, 100s, &r.gate(), spilled_b));
  r.w.run_until_s(50);
  EXPECT_EQ(r.gate().spilled, 1);
  EXPECT_EQ(r.tracker.at(b.slot).state, p::TruckState::SpilledBack);
  EXPECT_EQ(r.tracker.at(b.slot).node, static_cast<int>(r.gate().entry));
  EXPECT_EQ(r.tracker.at(b.slot).road, -1);
  r.w.run_until_s(125);
  EXPECT_EQ(r.gate().spilled, 0);
  EXPECT_EQ(r.tracker.at(b.slot).state, p::TruckState::Travelling);
  EXPECT_EQ(r.tracker.at(b.slot).road, 1);
  EXPECT_EQ(r.tracker.at(b.slot).road_since, k::SimTime{120s});
  r.w.run_until_s(135);
  EXPECT_EQ(r.tracker.at(b.slot).road, -1);  // at the gate
  EXPECT_DOUBLE_EQ(spilled_a, 0.0);
  EXPECT_DOUBLE_EQ(spilled_b, 80.0);
  EXPECT_EQ(r.w.log.times(p::EventKind::SpilledBack), (std::vector<double>{40}));
  EXPECT_EQ(r.w.log.times(p::EventKind::SpillbackEnded), (std::vector<double>{120}));
  const auto ev = r.w.log.of(p::EventKind::SpilledBack).front();
  EXPECT_EQ(ev.truck, p::TruckId{2});
  EXPECT_EQ(ev.gate, 0);
  EXPECT_EQ(r.w.log.events.size(), 2u);
}

TEST(RoadNetworkSpillback, ATruckHoldingAPlaceWaitsThereAndTheNextOneSpillsBack) {
  // Roads 0 and 1 hold one truck each. A holds the buffer until 1020 s. B gets road 0 at 30 s,
  // reaches its end at 40 s and waits there (holding road 0, not spilled back) until A leaves.
  // C (50 s) finds road 0 full and waits on the public road until B moves on at 1020 s.
  RoadRig r({"layout.roads[0].capacity_trucks=1"}, 1);
  const p::Truck a = r.admit(1), b = r.admit(2), c = r.admit(3);
  double spilled_a = 0, spilled_b = 0, spilled_c = 0;
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), a, 0s, 1000s, &r.gate(), spilled_a));
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), b, 30s, 1000s, &r.gate(), spilled_b));
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), c, 50s, 1000s, &r.gate(), spilled_c));
  r.w.run_until_s(500);
  EXPECT_EQ(r.roads.capacity(0)->in_use(), 1);  // B, at the end of road 0
  EXPECT_EQ(r.roads.capacity(1)->in_use(), 1);  // A
  EXPECT_EQ(r.tracker.at(b.slot).state, p::TruckState::Travelling);
  EXPECT_EQ(r.tracker.at(b.slot).road, 0);
  EXPECT_EQ(r.tracker.at(c.slot).state, p::TruckState::SpilledBack);
  r.w.run_until_s(5000);
  EXPECT_DOUBLE_EQ(spilled_a, 0.0);
  EXPECT_DOUBLE_EQ(spilled_b, 0.0);
  EXPECT_DOUBLE_EQ(spilled_c, 970.0);
  EXPECT_EQ(r.w.log.times(p::EventKind::SpilledBack), (std::vector<double>{50}));
  EXPECT_EQ(r.w.log.times(p::EventKind::SpillbackEnded), (std::vector<double>{1020}));
  EXPECT_EQ(r.w.log.of(p::EventKind::SpillbackEnded).front().truck, p::TruckId{3});
}

TEST(RoadNetworkSpillback, WithoutAPublicRoadTheWaitIsNoSpillback) {
  RoadRig r({}, 1);
  const p::Truck a = r.admit(1), b = r.admit(2);
  double spilled_a = 0, spilled_b = 0;
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), a, 0s, 100s, nullptr, spilled_a));
  r.w.sim.start(visit(r.w.sim, r.roads, r.gate(), b, 30s, 100s, nullptr, spilled_b));
  r.w.run_until_s(125);
  EXPECT_EQ(r.tracker.at(b.slot).road, 1);
  EXPECT_EQ(r.tracker.at(b.slot).road_since, k::SimTime{120s});  // it still waited for the place
  EXPECT_DOUBLE_EQ(spilled_b, 0.0);
  EXPECT_TRUE(r.w.log.events.empty());
  EXPECT_EQ(r.gate().spilled, 0);
}
