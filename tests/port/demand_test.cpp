// Demand on its own: renewal arrivals at exact times from each gate's own stream, the profile's
// rate and expected count (Poisson, over seeds), appointment slots with their cap and no-shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sim/port/demand.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using portsim::test::ComponentWorld;
using portsim::test::replace_once;
using portsim::test::tiny_port_yaml;

namespace {

/// Records the trucks Demand hands over, with the time.
struct Arrivals final : p::VisitStarter {
  std::vector<std::pair<double, p::Truck>> trucks;
  void start_visit(k::Simulation& s, p::Truck t) override { trucks.emplace_back(k::to_seconds(s.now()), t); }
  std::vector<double> times() const {
    std::vector<double> out;
    for (const auto& [time, t] : trucks) out.push_back(time);
    return out;
  }
  /// Trucks arriving in each hour [h, h + 1) for h < hours.
  std::vector<int> per_hour(int hours) const {
    std::vector<int> n(static_cast<std::size_t>(hours), 0);
    for (const auto& [time, t] : trucks) {
      const auto h = static_cast<std::size_t>(std::floor(time / 3600.0));
      if (h < n.size()) ++n[h];
    }
    return n;
  }
};

struct DemandRig {
  explicit DemandRig(const std::string& yaml, const std::vector<std::string>& sets = {}, std::uint64_t seed = 1)
      : w(yaml, sets), streams(seed), demand(w.cfg, streams, w.bus, arrivals) {}
  ComponentWorld w;
  k::RandomStreams streams;
  Arrivals arrivals;
  p::Demand demand;
  void run_hours(double h) {
    demand.start(w.sim);
    w.run_until_s(h * 3600.0);
  }
};

/// tiny_port_yaml with a second gate "h" on the same nodes, with demand share `share`.
std::string two_gates(const std::string& interarrival, double share_h) {
  return replace_once(tiny_port_yaml(1, interarrival), "yard_time:",
                      "  - {id: h, node: gate, entry: in, yard: yard, exit: out, demand_share: " +
                          std::to_string(share_h) + ", lanes: [{id: l}]}\nyard_time:");
}

std::string list(const std::vector<double>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

/// 24 hourly weights: `first` for hour 0, 1 for the rest.
std::string peak_at_midnight(double first) {
  std::vector<double> v(24, 1.0);
  v[0] = first;
  return list(v);
}

}  // namespace

TEST(DemandRenewal, ConstantGapsArriveAtExactTimes) {
  DemandRig r(tiny_port_yaml(1, "constant(90s)"));
  r.run_hours(1);
  std::vector<double> expected;
  for (int i = 1; i <= 40; ++i) expected.push_back(90.0 * i);  // 90 s ... 3600 s (the limit is included)
  EXPECT_EQ(r.arrivals.times(), expected);
  for (std::size_t i = 0; i < r.arrivals.trucks.size(); ++i) {
    const p::Truck& t = r.arrivals.trucks[i].second;
    EXPECT_EQ(t.id, i + 1);
    EXPECT_EQ(t.gate, 0);
    EXPECT_FALSE(t.appointment);
    EXPECT_EQ(t.kind, p::TripKind::Empty);  // import_share = export_share = 0
  }
  EXPECT_TRUE(r.w.log.events.empty());  // arrivals are the model's to publish
}

TEST(DemandRenewal, GapsAndTruckKeysComeFromEachGatesOwnStreams) {
  const std::uint64_t seed = 7;
  DemandRig r(tiny_port_yaml(1, "uniform(30s, 90s)"), {}, seed);
  r.run_hours(1);
  k::Rng gaps = k::RandomStreams(seed).stream("arrivals/g");
  k::Rng keys = k::RandomStreams(seed).stream("trucks/g");
  const auto interarrival = k::Distribution::uniform(30, 90);
  k::SimTime t{};
  ASSERT_GE(r.arrivals.trucks.size(), 40u);
  for (const auto& [time, truck] : r.arrivals.trucks) {
    t += k::to_duration(interarrival.quantile(k::uniform01(gaps)));
    EXPECT_DOUBLE_EQ(time, k::to_seconds(t)) << "truck " << truck.id;
    EXPECT_EQ(truck.key, keys()) << "truck " << truck.id;
  }
}

TEST(DemandRenewal, EveryGateHasItsOwnProcessAndIdsAreSharedInStartOrder) {
  DemandRig r(two_gates("constant(60s)", 1));
  r.run_hours(0.05);  // 180 s: three arrivals per gate
  ASSERT_EQ(r.arrivals.trucks.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& [time, t] = r.arrivals.trucks[i];
    EXPECT_DOUBLE_EQ(time, 60.0 * static_cast<double>(i / 2 + 1));
    EXPECT_EQ(t.gate, static_cast<int>(i % 2));  // gate g was started first
    EXPECT_EQ(t.id, i + 1);
  }
}

TEST(DemandProfile, RateScaleSplitsTrucksPerDayByGateShareOverTheProfile) {
  DemandRig daily(two_gates("constant(60s)", 3), {"demand.trucks_per_day=1000"});
  EXPECT_DOUBLE_EQ(daily.demand.rate_scale(0), 1000.0 * 0.25 / 24.0);
  EXPECT_DOUBLE_EQ(daily.demand.rate_scale(1), 1000.0 * 0.75 / 24.0);
  std::vector<double> week(168, 2.0);
  DemandRig weekly(two_gates("constant(60s)", 3), {"demand.trucks_per_day=1000", "demand.profile=" + list(week)});
  EXPECT_DOUBLE_EQ(weekly.demand.rate_scale(0), 1000.0 * 7 * 0.25 / (168 * 2.0));
}

TEST(DemandProfile, DailyCountIsPoissonWithTheConfiguredMean) {
  // 480 trucks a day, 20 seeds: the total is Poisson(9600), sd 98; tolerance 4 sd.
  double total = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    DemandRig r(tiny_port_yaml(), {"demand.mode=profile", "demand.trucks_per_day=480"}, seed);
    r.run_hours(24);
    total += static_cast<double>(r.arrivals.trucks.size());
  }
  EXPECT_NEAR(total, 9600.0, 4 * std::sqrt(9600.0));
}

TEST(DemandProfile, ArrivalsFollowTheProfileShape) {
  // Hours 0-5 weigh 0, hours 6-11 weigh 3, hours 12-23 weigh 1: no truck before 06:00 (exact),
  // and 18/30 of them before noon (binomial over 20 seeds x 600 trucks: sd 0.0045; tolerance 4 sd).
  std::vector<double> profile(24, 1.0);
  for (int h = 0; h < 6; ++h) profile[static_cast<std::size_t>(h)] = 0;
  for (int h = 6; h < 12; ++h) profile[static_cast<std::size_t>(h)] = 3;
  int morning = 0, total = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    DemandRig r(tiny_port_yaml(), {"demand.mode=profile", "demand.trucks_per_day=600", "demand.profile=" + list(profile)},
                seed);
    r.run_hours(24);
    const auto n = r.arrivals.per_hour(24);
    for (int h = 0; h < 6; ++h) EXPECT_EQ(n[static_cast<std::size_t>(h)], 0) << "hour " << h << ", seed " << seed;
    for (int h = 6; h < 12; ++h) morning += n[static_cast<std::size_t>(h)];
    total += static_cast<int>(r.arrivals.trucks.size());
  }
  const double share = static_cast<double>(morning) / total;
  EXPECT_NEAR(share, 0.6, 4 * std::sqrt(0.6 * 0.4 / total));
}

namespace {
std::vector<std::string> appointments(int cap, double no_show = 0) {
  // 260 trucks a day over weights 3, 1, 1, ... (26): 30 trucks want slot 0, 10 every later slot.
  return {"demand.mode=appointments", "demand.trucks_per_day=260", "demand.profile=" + peak_at_midnight(3),
          "demand.appointments.slot_length=1h", "demand.appointments.slot_capacity=" + std::to_string(cap),
          "demand.appointments.punctuality=\"constant(0s)\"", "demand.appointments.walk_in_share=0",
          "demand.appointments.no_show_rate=" + std::to_string(no_show)};
}
}  // namespace

TEST(DemandAppointments, BookingsFillEachSlotByDemand) {
  DemandRig r(tiny_port_yaml(), appointments(600));
  r.run_hours(3);
  EXPECT_EQ(r.arrivals.per_hour(3), (std::vector<int>{30, 10, 10}));
  for (const auto& [time, t] : r.arrivals.trucks) EXPECT_TRUE(t.appointment) << "truck " << t.id;
}

TEST(DemandAppointments, CapPushesTheSurplusToTheNextSlot) {
  // Slot 0: 30 wanted, 20 booked, 10 carried; slot 1: 10 + 10 = 20 booked; slot 2: 10.
  DemandRig r(tiny_port_yaml(), appointments(20));
  r.run_hours(3);
  EXPECT_EQ(r.arrivals.per_hour(3), (std::vector<int>{20, 20, 10}));
}

TEST(DemandAppointments, NoShowsArePublishedAtTheSlotStartAndNeverArrive) {
  DemandRig r(tiny_port_yaml(), appointments(20, 1.0));
  r.run_hours(2.5);
  EXPECT_TRUE(r.arrivals.trucks.empty());
  const auto times = r.w.log.times(p::EventKind::NoShow);
  ASSERT_EQ(times.size(), 50u);
  EXPECT_EQ(std::count(times.begin(), times.end(), 0.0), 20);
  EXPECT_EQ(std::count(times.begin(), times.end(), 3600.0), 20);
  EXPECT_EQ(std::count(times.begin(), times.end(), 7200.0), 10);
  EXPECT_EQ(r.w.log.of(p::EventKind::NoShow).front().gate, 0);
}

TEST(DemandAppointments, WalkInsArriveByTheProfileWithoutAnAppointment) {
  auto sets = appointments(20);
  sets.emplace_back("demand.appointments.walk_in_share=1");  // nothing is booked
  DemandRig r(tiny_port_yaml(), sets);
  r.run_hours(24);
  ASSERT_FALSE(r.arrivals.trucks.empty());
  for (const auto& [time, t] : r.arrivals.trucks) EXPECT_FALSE(t.appointment) << "truck " << t.id;
  EXPECT_NEAR(static_cast<double>(r.arrivals.trucks.size()), 260.0, 4 * std::sqrt(260.0));
}
