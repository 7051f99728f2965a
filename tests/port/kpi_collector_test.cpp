// The KPI collector on its own: counts, means and time-weighted queues from a hand-made sequence of
// domain events and truck records (exact values), and the restart at the end of the warm-up.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/port/customs.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/inspection.hpp"
#include "sim/port/kpi_collector.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::tiny_port_yaml;
using E = portsim::port::EventKind;

namespace {

/// The collector on a bus, and the components it reads at report time (all idle).
struct KpiRig {
  explicit KpiRig(double road_target_trucks = 0) : KpiRig(p::KpiTargets{road_target_trucks}) {}
  explicit KpiRig(const p::KpiTargets& targets)
      : w(tiny_port_yaml()),
        devices(w.sim, w.bus),
        gates(w.sim, w.cfg, w.layout, devices, w.bus),
        customs(w.cfg, streams, w.bus),
        inspection(w.sim, w.cfg, devices, customs, w.bus),
        kpis(k::SimTime{}, w.cfg.gates.size(), targets) {
    w.bus.subscribe(&kpis);
  }
  ComponentWorld w;
  k::RandomStreams streams;
  p::Devices devices;
  p::Gates gates;
  p::Customs customs;
  p::Inspection inspection;
  p::KpiCollector kpis;

  void event(E kind, double t, std::uint32_t truck = 0, int count = 0, p::Channel ch = p::Channel::Green,
             double seconds = 0) {
    p::DomainEvent e{kind, at(t), p::TruckId{truck}, 0, -1, -1, ch};
    e.count = count;
    e.seconds = seconds;
    w.bus.publish(e);
  }
  void exit(std::uint32_t truck, double arrived, double exited, double pregate, double lane, p::Channel ch,
            double inspection_s, int noncompliant = 0, bool caught = false) {
    p::TruckRecord r;
    r.id = p::TruckId{truck};
    r.gate = 0;
    r.arrived = at(arrived);
    r.exited = at(exited);
    r.pregate_wait_s = pregate;
    r.lane_service_s = lane;
    r.channel = ch;
    r.inspection_s = inspection_s;
    r.yard_s = 300;
    r.noncompliant = noncompliant;
    r.caught = caught;
    w.bus.truck_exit(r);
  }
  double kpi(const std::string& name, double now_s) const {
    return p::kpi_value(kpis.kpis(at(now_s), {gates, devices, inspection, w.cfg.emissions, 20.0}), name);
  }
  static k::SimTime at(double s) { return k::SimTime{k::to_duration(s)}; }
};

/// Three arrivals (the third balks), a queue of up to two trucks, a spill-back, two exits.
void one_hour(KpiRig& r) {
  r.event(E::Arrived, 0, 1);
  r.event(E::Arrived, 10, 2, 1);
  r.event(E::Arrived, 20, 3, 2);
  r.event(E::Balked, 20, 3, 2);  // undoes what its Arrived counted, except the arrival
  r.event(E::NoShow, 0, 9);
  // Waiting trucks: 1 on [0, 10), 2 on [10, 20), 1 on [20, 40), 0, 1 on the public road on [50, 70).
  r.event(E::Queued, 0, 1);
  r.event(E::Queued, 10, 2);
  r.event(E::LaneServiceStart, 20, 1);
  r.event(E::LaneServiceStart, 40, 2);
  r.event(E::SpilledBack, 50, 4);
  r.event(E::SpillbackEnded, 70, 4);
  r.event(E::ManualStep, 20, 1);
  r.event(E::ManualStep, 40, 2);
  r.event(E::OutageFallback, 40, 2);
  r.event(E::TroubleTicket, 60, 2);
  r.event(E::ChannelAssigned, 60, 1, 0, p::Channel::Green);
  r.event(E::ChannelAssigned, 120, 2, 0, p::Channel::Red);
  r.event(E::InspectionStart, 130, 2, 0, p::Channel::Red);
  r.event(E::InspectionStart, 130, 8, 0, p::Channel::Yellow);
  r.event(E::Scanned, 200, 2, 0, p::Channel::Red);
  r.event(E::PhysicalExamination, 200, 2, 0, p::Channel::Red);
  r.event(E::InspectionWaitEnd, 560, 2, 0, p::Channel::Red, 360);
  // Turn times 10 and 20 min; pre-gate 1 and 3 min; lane 40 and 80 s; one red inspection of 20 min.
  r.exit(1, 0, 600, 60, 40, p::Channel::Green, 0);
  r.exit(2, 10, 1210, 180, 80, p::Channel::Red, 1200, 1, false);
}

}  // namespace

TEST(KpiCollector, CountsFromTheEventStream) {
  KpiRig r;
  one_hour(r);
  const double now = 3600;
  EXPECT_EQ(r.kpi("trucks_arrived", now), 3);
  EXPECT_EQ(r.kpi("trucks_balked", now), 1);
  EXPECT_EQ(r.kpi("trucks_exited", now), 2);
  EXPECT_EQ(r.kpi("trucks_in_system", now), 0);
  EXPECT_EQ(r.kpi("appointment_no_shows", now), 1);
  EXPECT_EQ(r.kpi("manual_fallbacks", now), 3);  // outage fallbacks are manual too
  EXPECT_EQ(r.kpi("outage_manual_declarations", now), 1);
  EXPECT_EQ(r.kpi("trouble_tickets", now), 1);
  EXPECT_EQ(r.kpi("channel_green", now), 1);
  EXPECT_EQ(r.kpi("channel_yellow", now), 0);
  EXPECT_EQ(r.kpi("channel_red", now), 1);
  EXPECT_EQ(r.kpi("document_checks", now), 1);  // yellow inspections only
  EXPECT_EQ(r.kpi("xray_scans", now), 1);
  EXPECT_EQ(r.kpi("physical_inspections", now), 1);
  EXPECT_EQ(r.kpi("noncompliant_containers", now), 1);  // the balked truck's two are not counted
  EXPECT_EQ(r.kpi("noncompliant_caught", now), 0);
  EXPECT_EQ(r.kpi("noncompliant_missed", now), 1);
  EXPECT_EQ(r.kpis.trucks_exited(), 2u);
}

TEST(KpiCollector, MeansFromTheTruckRecords) {
  KpiRig r;
  one_hour(r);
  const double now = 3600;
  EXPECT_DOUBLE_EQ(r.kpi("throughput_per_hour", now), 2.0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_mean", now), 15.0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_max", now), 20.0);
  EXPECT_DOUBLE_EQ(r.kpi("lane_service_mean", now), 1.0);
  EXPECT_DOUBLE_EQ(r.kpi("inspection_time_mean", now), 20.0);  // green trucks are not inspected
  EXPECT_DOUBLE_EQ(r.kpi("yard_time_mean", now), 5.0);
  // Idling: 360 s waiting at inspection + 60 + 180 s pre-gate = 600 s at 0.55 gal/h, 10.2 kg/gal.
  const double gallons = 600.0 / 3600 * 0.55;
  EXPECT_DOUBLE_EQ(r.kpi("idle_fuel", now), gallons);
  EXPECT_DOUBLE_EQ(r.kpi("idle_co2", now), gallons * 10.2);
  EXPECT_DOUBLE_EQ(r.kpi("idle_co2_per_truck", now), gallons * 10.2 / 2);
  // Shares of visits under 30, 60, 90, 120 min (the LA/LB study's), counted exactly.
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_under_30min_share", now), 1.0);  // 10 and 20 min
  r.exit(3, 0, 3000, 0, 40, p::Channel::Green, 0);                   // a visit of 50 min
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_under_30min_share", now), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_under_60min_share", now), 1.0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_under_120min_share", now), 1.0);
  r.exit(4, 0, 3600, 0, 40, p::Channel::Green, 0);                   // exactly 60 min: not under
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_under_60min_share", now), 3.0 / 4);
}

TEST(KpiCollector, TimeWeightedQueues) {
  KpiRig r;
  one_hour(r);
  const double now = 3600;
  // Waiting (buffer + public road): 10 + 2 x 10 + 20 + 20 = 70 truck-s; buffer alone 50; road 20.
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_mean", now), 70.0 / 3600);
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_max", now), 2.0);
  EXPECT_DOUBLE_EQ(r.kpi("queue_peak_hour_mean", now), 70.0 / 3600);  // all in hour 0
  EXPECT_DOUBLE_EQ(r.kpi("spillback_truck_minutes", now), 20.0 / 60);
  EXPECT_DOUBLE_EQ(r.kpi("spillback_mean", now), 20.0 / 3600);
  EXPECT_DOUBLE_EQ(r.kpi("spillback_max", now), 1.0);
  EXPECT_DOUBLE_EQ(r.kpi("gate.g.queue_mean", now), 70.0 / 3600);
  EXPECT_DOUBLE_EQ(r.kpi("gate.g.queue_max", now), 2.0);
  EXPECT_DOUBLE_EQ(r.kpi("gate.g.buffer_queue_mean", now), 50.0 / 3600);
  // Over the hour: 0 waiting for 3,550 s of 3,600 (98.6%): the time-weighted p95 is 0; the public
  // road holds one truck for 20 s: 20 m (spacing 20 m) at most, 20 x 20 / 3600 m on average.
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_p95", now), 0.0);
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_p95", 80), 2.0);  // over [0, 80]: 0 for 20 s, 1 for 50 s, 2 for the top 10 s
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_m_max", now), 20.0);
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_m_mean", now), 20.0 * 20 / 3600);
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_m_p95", now), 0.0);
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_m_p95", 60), 20.0);  // 10 s of 60 on the road: above 5%
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_mean", now), 0.0);  // no outage
  const auto hourly = r.kpis.hourly_queue(KpiRig::at(7200));
  ASSERT_EQ(hourly.size(), 24u);
  EXPECT_DOUBLE_EQ(hourly[0], 70.0 / 3600);
  EXPECT_DOUBLE_EQ(hourly[1], 0.0);
  EXPECT_DOUBLE_EQ(hourly[5], 0.0);  // never seen: 0, not NaN
  const auto exits = r.kpis.hourly_throughput(KpiRig::at(3600));
  EXPECT_DOUBLE_EQ(exits[0], 2.0);
  EXPECT_DOUBLE_EQ(exits[1], 0.0);
}

TEST(KpiCollector, IdleComponentsReportNeutralValues) {
  KpiRig r;
  const double now = 3600;
  EXPECT_DOUBLE_EQ(r.kpi("lane_utilization", now), 0.0);
  EXPECT_DOUBLE_EQ(r.kpi("device_utilization", now), 0.0);  // no devices
  EXPECT_DOUBLE_EQ(r.kpi("device_availability", now), 1.0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_mean", now), 0.0);  // no truck: 0, not NaN
  EXPECT_DOUBLE_EQ(r.kpi("idle_co2_per_truck", now), 0.0);
  EXPECT_DOUBLE_EQ(r.kpi("device_cost_per_truck", now), 0.0);
}

TEST(KpiCollector, RestartForgetsTheWarmUpButKeepsTrucksInTheSystem) {
  KpiRig r;
  r.event(E::Arrived, 0, 1);
  r.event(E::Queued, 0, 1);
  r.event(E::ChannelAssigned, 50, 7, 0, p::Channel::Red);
  r.kpis.restart(KpiRig::at(100));
  EXPECT_EQ(r.kpi("trucks_arrived", 200), 0);
  EXPECT_EQ(r.kpi("channel_red", 200), 0);
  EXPECT_EQ(r.kpi("trucks_in_system", 200), 1);
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_mean", 200), 1.0);  // still queued: level 1 since the restart
  EXPECT_DOUBLE_EQ(r.kpi("throughput_per_hour", 200), 0.0);
  r.event(E::LaneServiceStart, 150, 1);
  r.exit(1, 0, 3700, 150, 40, p::Channel::Green, 0);
  EXPECT_EQ(r.kpi("trucks_in_system", 3700), 0);
  EXPECT_DOUBLE_EQ(r.kpi("queue_length_mean", 3700), 50.0 / 3600);
  EXPECT_DOUBLE_EQ(r.kpi("throughput_per_hour", 3700), 1.0);  // 1 truck in the hour since the restart
}

TEST(KpiCollector, RecoveryFromAnOutageLastsUntilTheQueueIsBackToItsLevel) {
  KpiRig r;
  // Two trucks wait when the system goes down at 100 s; six more join; it is back at 400 s; the
  // queue falls back to two at 1,000 s: a recovery of 600 s = 10 min.
  r.event(E::Queued, 0, 1);
  r.event(E::Queued, 50, 2);
  r.event(E::SystemDown, 100);
  for (std::uint32_t t = 3; t <= 8; ++t) r.event(E::Queued, 100 + 20.0 * t, t);
  r.event(E::SystemUp, 400);
  for (std::uint32_t t = 1; t <= 5; ++t) r.event(E::LaneServiceStart, 400 + 100.0 * t, t);
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_mean", 950), (950.0 - 400) / 60);  // not yet back: counted until now
  r.event(E::LaneServiceStart, 1000, 6);
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_mean", 2000), 10.0);
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_max", 2000), 10.0);
  // A second, short outage with the queue already below its level: recovered at once.
  r.event(E::SystemDown, 3000);
  r.event(E::SystemUp, 3060);
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_mean", 4000), 5.0);
  EXPECT_DOUBLE_EQ(r.kpi("outage_recovery_max", 4000), 10.0);
}

TEST(KpiCollector, ShareOfHoursAndDaysWithTheRoadQueueOverItsTarget) {
  KpiRig none;
  EXPECT_THROW(none.kpi("road_queue_target_hours_share", 3600), std::out_of_range);  // no target, no KPI
  KpiRig r(2.0);  // a target of 2 trucks (40 m at 20 m spacing): broken by a third truck on the road
  for (std::uint32_t t = 1; t <= 3; ++t) r.event(E::SpilledBack, 1800 + 60.0 * t, t);  // 3 from 00:33
  r.event(E::SpillbackEnded, 3 * 3600 + 10, 3);                                  // 2 from 03:00:10
  // Hours 0-3 broken (3 > 2 in each of them), hours 4-9 not, over 10 hours; the one day broken.
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_target_hours_share", 10 * 3600), 4.0 / 10);
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_target_days_share", 10 * 3600), 1.0);
  EXPECT_DOUBLE_EQ(r.kpi("road_queue_m_max", 10 * 3600), 60.0);
}

TEST(KpiCollector, PerTruckTargetsCountTrucksAndHoursOfArrivalOverThem) {
  KpiRig none;
  EXPECT_THROW(none.kpi("turn_time_over_target_share", 3600), std::out_of_range);
  EXPECT_THROW(none.kpi("pregate_wait_target_hours_share", 3600), std::out_of_range);
  p::KpiTargets targets;
  targets.turn_time_min = 60;
  targets.pregate_wait_min = 20;
  KpiRig r(targets);
  // Hour 0: turn 50 and 80 min (mean 65 > 60); waits 10 and 40 min (mean 25 > 20).
  r.exit(1, 600, 600 + 50 * 60, 600, 60, p::Channel::Green, 0);
  r.exit(2, 1200, 1200 + 80 * 60, 2400, 60, p::Channel::Green, 0);
  // Hour 2: turn 61 min (over), wait 20 min (not over: the target is met at 20).
  r.exit(3, 2 * 3600 + 5, 2 * 3600 + 5 + 61 * 60, 1200, 60, p::Channel::Green, 0);
  // Hour 3: turn 30 min, wait 5 min.
  r.exit(4, 3 * 3600, 3 * 3600 + 30 * 60, 300, 60, p::Channel::Green, 0);
  // 4 trucks, 2 over 60 min (80, 61) and 1 over 20 min of wait (40); 5 hours (00:00-05:00), of
  // them hours 0 and 2 over the turn-time target and hour 0 over the wait target; the one day not.
  const double now = 5 * 3600;
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_over_target_share", now), 2.0 / 4);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_target_hours_share", now), 2.0 / 5);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_target_days_share", now), 0.0);  // the day's mean: 55.25 min
  EXPECT_DOUBLE_EQ(r.kpi("pregate_wait_over_target_share", now), 1.0 / 4);
  EXPECT_DOUBLE_EQ(r.kpi("pregate_wait_target_hours_share", now), 1.0 / 5);
  EXPECT_DOUBLE_EQ(r.kpi("pregate_wait_target_days_share", now), 0.0);  // the day's mean: 18.75 min
  // After the warm-up is deleted, only trucks arriving from then on count.
  r.kpis.restart(KpiRig::at(4 * 3600));
  r.exit(5, 4 * 3600 + 60, 4 * 3600 + 60 + 10 * 60, 60, 60, p::Channel::Green, 0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_over_target_share", 6 * 3600), 0.0);
  EXPECT_DOUBLE_EQ(r.kpi("turn_time_target_hours_share", 6 * 3600), 0.0);
}
