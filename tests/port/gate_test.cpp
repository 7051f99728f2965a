// Gates on their own: daily windows (wrapping midnight), lane choice (shortest eligible queue, lane
// kinds, closed lanes, the common queue and its dispatcher) and opening hours.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sim/kernel/event.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/gate.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;
using portsim::test::with_lanes;

namespace {

k::SimTime at(k::Duration d) { return k::SimTime{d}; }
p::DailyWindow window(k::Duration from, k::Duration to) { return p::DailyWindow{from, to, 1}; }

/// Holds one unit of `r` for `d` (a truck in service, or queued behind one).
k::Process hold(k::Simulation& s, k::Resource& r, k::Duration d) {
  k::Lease lease = co_await r.request();
  co_await s.timeout(d);
}

struct GateRig {
  explicit GateRig(const std::string& yaml) : w(yaml), devices(w.sim, w.bus), gates(w.sim, w.cfg, w.layout, devices, w.bus) {}
  ComponentWorld w;
  p::Devices devices;
  p::Gates gates;

  /// Puts `n` trucks on lane li (one in service, the rest queued) at time 0.
  void load(std::size_t li, int n) {
    for (int i = 0; i < n; ++i) w.sim.start(hold(w.sim, *gates.lane(li).res, 10h));
  }
  void settle() { w.sim.run_until(w.sim.now()); }
};

std::string three_lanes(const std::string& second_kind = "general", const std::string& choice = "shortest_queue") {
  return with_lanes(tiny_port_yaml(1, "constant(60s)", "constant(40s)", 0, choice), 1,
                    "      - {id: a}\n      - {id: b, kind: " + second_kind + "}\n      - {id: c}\n");
}

}  // namespace

TEST(GateWindow, PlainWindowIsHalfOpen) {
  const auto day = window(6h, 22h);
  EXPECT_FALSE(p::in_window(5h + 59min, day));
  EXPECT_TRUE(p::in_window(6h, day));
  EXPECT_TRUE(p::in_window(21h + 59min, day));
  EXPECT_FALSE(p::in_window(22h, day));
}

TEST(GateWindow, WindowWrappingMidnightCoversBothEnds) {
  const auto night = window(22h, 6h);
  EXPECT_TRUE(p::in_window(22h, night));
  EXPECT_TRUE(p::in_window(23h + 30min, night));
  EXPECT_TRUE(p::in_window(0h, night));
  EXPECT_TRUE(p::in_window(6h - 1ms, night));
  EXPECT_FALSE(p::in_window(6h, night));
  EXPECT_FALSE(p::in_window(12h, night));
  EXPECT_FALSE(p::in_window(22h - 1ms, night));
}

TEST(GateWindow, TimeOfDayIsModuloOneDay) {
  EXPECT_EQ(p::time_of_day(at(0h)), 0h);
  EXPECT_EQ(p::time_of_day(at(25h + 30min)), 1h + 30min);
  EXPECT_EQ(p::time_of_day(at(72h)), 0h);
}

TEST(GateWindow, UntilNextBoundaryAcrossMidnight) {
  const std::vector<p::DailyWindow> night{window(22h, 6h)};
  EXPECT_EQ(p::until_next_boundary(at(23h), night), 7h);        // to 06:00 next day
  EXPECT_EQ(p::until_next_boundary(at(24h + 5h), night), 1h);   // day 2, 05:00
  EXPECT_EQ(p::until_next_boundary(at(6h), night), 16h);        // on a boundary: the next one
  EXPECT_EQ(p::until_next_boundary(at(22h), night), 8h);
  EXPECT_EQ(p::until_next_boundary(at(12h), night), 10h);
}

TEST(GateWindow, UntilNextBoundaryTakesTheNearestOfAllWindows) {
  const std::vector<p::DailyWindow> shifts{window(6h, 14h), window(14h, 22h), window(22h, 6h)};
  EXPECT_EQ(p::until_next_boundary(at(13h), shifts), 1h);
  EXPECT_EQ(p::until_next_boundary(at(14h), shifts), 8h);
  EXPECT_EQ(p::until_next_boundary(at(23h + 59min), shifts), 6h + 1min);
  EXPECT_EQ(p::until_next_boundary(at(5h), {}), 24h);  // no window: a day
}

TEST(GateBuild, LanesAndRoutesComeFromTheConfig) {
  GateRig r(three_lanes());
  ASSERT_EQ(r.gates.gates().size(), 1u);
  const p::Gate& g = r.gates.gates()[0];
  EXPECT_EQ(g.lanes, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(g.entry, r.w.layout.node_index("in"));
  EXPECT_EQ(g.node, r.w.layout.node_index("gate"));
  EXPECT_EQ(g.yard, r.w.layout.node_index("yard"));
  EXPECT_EQ(g.exit, r.w.layout.node_index("out"));
  EXPECT_FALSE(g.inspection.has_value());
  ASSERT_NE(g.to_gate, nullptr);
  EXPECT_EQ(*g.to_gate, (p::Layout::Route{0, 1}));
  EXPECT_EQ(g.free_flow_to_gate, 20s);  // two roads of 100 m at 36 km/h
  EXPECT_EQ(r.gates.lanes()[1].index, 1);
  EXPECT_EQ(r.gates.lanes()[1].cfg->id, "b");
  EXPECT_TRUE(r.gates.lanes()[1].open);
  EXPECT_EQ(r.gates.lanes()[1].res->capacity(), 1);
}

TEST(GateBuild, LaneDevicesAreRegisteredInGateLaneDeviceOrder) {
  std::string y = with_lanes(tiny_port_yaml(), 1, "      - {id: a, devices: [ocr, rfid]}\n      - {id: b, devices: [ocr]}\n");
  y += "devices:\n  - {id: ocr, kind: ocr_camera}\n  - {id: rfid, kind: rfid_reader}\n";
  GateRig r(y);
  ASSERT_EQ(r.devices.size(), 3u);
  EXPECT_EQ(r.gates.lanes()[0].devices, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(r.gates.lanes()[1].devices, (std::vector<std::size_t>{2}));
  EXPECT_EQ(r.devices[0].name, "g/a/ocr");
  EXPECT_EQ(r.devices[1].name, "g/a/rfid");
  EXPECT_EQ(r.devices[2].name, "g/b/ocr");
  EXPECT_EQ(r.devices[1].lane, 0);
  EXPECT_EQ(r.devices[1].index_in_lane, 1);
  EXPECT_EQ(r.devices[2].lane, 1);
  EXPECT_EQ(r.devices[2].cfg->kind, p::DeviceKind::OcrCamera);
}

TEST(GateChoice, ShortestQueueCountsTheTruckInServiceAndTheQueued) {
  GateRig r(three_lanes());
  const p::Truck t = make_truck(1);
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), t), 0u);  // all empty: the first
  r.load(0, 2);
  r.load(1, 1);
  r.settle();
  ASSERT_EQ(r.gates.lane(0).res->in_use(), 1);
  ASSERT_EQ(r.gates.lane(0).res->queue_length(), 1u);
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), t), 2u);
  r.load(2, 1);
  r.settle();
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), t), 1u);  // 2, 1, 1: the first of the shortest
}

TEST(GateChoice, OpenLanesBeforeClosedOnesEvenWithLongerQueues) {
  GateRig r(three_lanes());
  r.load(0, 3);
  r.load(2, 2);
  r.settle();
  r.gates.lane(1).open = false;  // empty but closed
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), make_truck(1)), 2u);
  r.gates.lane(0).open = false;
  r.gates.lane(2).open = false;
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), make_truck(1)), 1u);  // all closed: the shortest
}

TEST(GateChoice, LaneKindsDecideEligibility) {
  GateRig r(three_lanes("trusted_trader"));
  const p::Lane& trusted_lane = r.gates.lane(1);
  p::Truck plain = make_truck(1);
  p::Truck trusted = make_truck(2);
  trusted.trusted = true;
  EXPECT_TRUE(p::Gates::eligible(r.gates.lane(0), plain));
  EXPECT_FALSE(p::Gates::eligible(trusted_lane, plain));
  EXPECT_TRUE(p::Gates::eligible(trusted_lane, trusted));
  r.load(0, 1);
  r.load(2, 1);
  r.settle();
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), trusted), 1u);
  EXPECT_EQ(r.gates.choose(r.gates.gate(0), plain), 0u);  // the empty lane is not for it
}

TEST(GateChoice, AppointmentAndPaperlessLanes) {
  GateRig appt(three_lanes("appointment_only"));
  p::Truck walk_in = make_truck(1);
  p::Truck booked = make_truck(2);
  booked.appointment = true;
  EXPECT_FALSE(p::Gates::eligible(appt.gates.lane(1), walk_in));
  EXPECT_TRUE(p::Gates::eligible(appt.gates.lane(1), booked));

  GateRig paperless(three_lanes("paperless_only"));
  p::Truck paper = make_truck(3);
  paper.declaration = p::DeclarationMode::Paper;
  p::Truck electronic = make_truck(4);
  electronic.declaration = p::DeclarationMode::Electronic;
  p::Truck pre = make_truck(5);
  pre.declaration = p::DeclarationMode::PreArrival;
  EXPECT_FALSE(p::Gates::eligible(paperless.gates.lane(1), paper));
  EXPECT_TRUE(p::Gates::eligible(paperless.gates.lane(1), electronic));
  EXPECT_TRUE(p::Gates::eligible(paperless.gates.lane(1), pre));
  paperless.load(0, 1);
  paperless.load(2, 1);
  paperless.settle();
  EXPECT_EQ(paperless.gates.choose(paperless.gates.gate(0), electronic), 1u);
  EXPECT_EQ(paperless.gates.choose(paperless.gates.gate(0), paper), 0u);
}

TEST(GateCommonQueue, ChoosesTheFirstFreeEligibleLaneOrNone) {
  GateRig r(three_lanes("trusted_trader", "common_queue"));
  const p::Truck plain = make_truck(1);
  p::Gate& g = r.gates.gate(0);
  EXPECT_EQ(r.gates.choose(g, plain), 0u);
  r.load(0, 1);
  r.settle();
  EXPECT_EQ(r.gates.choose(g, plain), 2u);  // lane b is for trusted traders
  r.gates.lane(2).reserved = true;          // handed to a truck that has not moved in yet
  EXPECT_EQ(r.gates.choose(g, plain), p::no_lane);
  r.gates.lane(2).reserved = false;
  k::Event<std::size_t> assigned(r.w.sim);
  g.common_queue.push_back({&plain, &assigned});
  EXPECT_EQ(r.gates.choose(g, plain), p::no_lane);  // someone waits already: first come, first served
}

TEST(GateCommonQueue, DispatchHandsEachFreeLaneToTheFirstEligibleWaitingTruck) {
  GateRig r(three_lanes("trusted_trader", "common_queue"));
  p::Gate& g = r.gates.gate(0);
  r.load(0, 1);
  r.load(2, 1);
  r.settle();
  p::Truck plain = make_truck(1);
  p::Truck trusted = make_truck(2);
  trusted.trusted = true;
  k::Event<std::size_t> plain_assigned(r.w.sim), trusted_assigned(r.w.sim);
  g.common_queue.push_back({&plain, &plain_assigned});
  g.common_queue.push_back({&trusted, &trusted_assigned});
  r.gates.dispatch(g);  // only lane b (trusted traders) is free
  EXPECT_FALSE(plain_assigned.is_triggered());
  ASSERT_TRUE(trusted_assigned.is_triggered());
  EXPECT_EQ(trusted_assigned.value(), 1u);
  EXPECT_TRUE(r.gates.lane(1).reserved);
  ASSERT_EQ(g.common_queue.size(), 1u);
  EXPECT_EQ(g.common_queue.front().truck, &plain);
  r.gates.dispatch(g);  // nothing else is free
  EXPECT_FALSE(plain_assigned.is_triggered());
}

namespace {
k::Process wait_for_lane(k::Simulation& s, k::Event<std::size_t>& assigned, std::size_t& lane, double& when) {
  lane = co_await assigned;
  when = k::to_seconds(s.now());
}
}  // namespace

TEST(GateHours, LaneClosesAndOpensAtItsWindowBoundaries) {
  GateRig r(with_lanes(tiny_port_yaml(), 1, "      - {id: night, open: [\"22:00-06:00\"]}\n"));
  r.w.sim.start(r.gates.lane_hours(r.w.sim, 0));
  r.w.run_until_s(12 * 3600.0);
  EXPECT_FALSE(r.gates.lane(0).open);
  EXPECT_EQ(r.gates.lane(0).res->capacity(), 0);
  r.w.run_until_s(23 * 3600.0);
  EXPECT_TRUE(r.gates.lane(0).open);
  EXPECT_EQ(r.gates.lane(0).res->capacity(), 1);
  r.w.run_until_s(31 * 3600.0);
  // Open at 00:00 already (no event), closed 06:00, open 22:00, closed 06:00 next day.
  EXPECT_EQ(r.w.log.times(p::EventKind::LaneClosed), (std::vector<double>{6 * 3600.0, 30 * 3600.0}));
  EXPECT_EQ(r.w.log.times(p::EventKind::LaneOpened), (std::vector<double>{22 * 3600.0}));
  const auto closed = r.w.log.of(p::EventKind::LaneClosed);
  EXPECT_EQ(closed[0].gate, 0);
  EXPECT_EQ(closed[0].lane, 0);
}

TEST(GateHours, OpeningLaneIsHandedToTheCommonQueue) {
  GateRig r(with_lanes(tiny_port_yaml(1, "constant(60s)", "constant(40s)", 0, "common_queue"), 1,
                       "      - {id: day, open: [\"06:00-22:00\"]}\n"));
  p::Gate& g = r.gates.gate(0);
  r.w.sim.start(r.gates.lane_hours(r.w.sim, 0));
  r.w.run_until_s(3600.0);
  EXPECT_EQ(r.w.log.times(p::EventKind::LaneClosed), (std::vector<double>{0.0}));  // closed at 00:00
  const p::Truck t = make_truck(1);
  EXPECT_EQ(r.gates.choose(g, t), p::no_lane);
  k::Event<std::size_t> assigned(r.w.sim);
  g.common_queue.push_back({&t, &assigned});
  std::size_t lane = p::no_lane;
  double when = -1;
  r.w.sim.start(wait_for_lane(r.w.sim, assigned, lane, when));
  r.w.run_until_s(7 * 3600.0);
  EXPECT_EQ(lane, 0u);
  EXPECT_DOUBLE_EQ(when, 6 * 3600.0);
  EXPECT_TRUE(g.common_queue.empty());
}
