// Inspection on its own: officers on duty by the shift list, waits for officers, bays and scanners
// (InspectionWaitEnd with the exact wait), physical examinations served before document checks,
// X-ray scans that clear or flag a truck, and what is caught.
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include "sim/port/customs.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/inspection.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;
using E = portsim::port::EventKind;

namespace {

std::string officers(int n) { return "customs.officer_shifts=[{hours: \"00:00-24:00\", officers: " + std::to_string(n) + "}]"; }

const char* xray = "devices:\n  - {id: xray, kind: xray_scanner, read_time: \"constant(60s)\", detection_rate: 1, false_alarm_rate: 0}\n";

struct InspectionRig {
  explicit InspectionRig(std::vector<std::string> sets, const std::string& extra_yaml = "")
      : w(tiny_port_yaml() + extra_yaml, with_defaults(std::move(sets))),
        devices(w.sim, w.bus),
        customs(w.cfg, streams, w.bus),
        inspection(w.sim, w.cfg, devices, customs, w.bus) {
    w.sim.start(inspection.officer_shifts(w.sim), k::priority_urgent);
  }
  /// Document checks 600 s, physical examinations 2 h in one bay; everything found when looked at.
  static std::vector<std::string> with_defaults(std::vector<std::string> sets) {
    sets.insert(sets.begin(), {"customs.agency_checks=[\"constant(600s)\"]", "customs.inspection_bays=1",
                               "customs.physical_inspection=\"constant(2h)\"", "customs.physical_detection_rate=1",
                               "customs.document_check_detection_rate=1"});
    return sets;
  }
  ComponentWorld w;
  k::RandomStreams streams;
  p::Devices devices;
  p::Customs customs;
  p::Inspection inspection;

  struct Case {
    p::Truck truck;
    p::Channel channel;
    bool caught = false;
    double exam_s = 0;  // the physical examination alone
    double done = -1;
  };
  std::deque<Case> cases;  // stable addresses: the processes hold references

  /// A truck with `containers` containers (`noncompliant` of them break a rule) starts its
  /// inspection in channel ch at time `at`.
  Case& inspect(p::Channel ch, k::Duration at, int containers = 1, bool noncompliant = false) {
    p::Truck t = make_truck(static_cast<std::uint32_t>(cases.size() + 1));
    t.kind = p::TripKind::Import;
    t.containers = containers;
    t.noncompliant[0] = noncompliant;
    cases.push_back({t, ch});
    w.sim.start(run(w.sim, inspection, cases.back(), at));
    return cases.back();
  }
  static k::Process run(k::Simulation& s, p::Inspection& insp, Case& c, k::Duration at) {
    co_await s.timeout(at);
    p::Inspection::Outcome out;
    co_await s.start(insp.inspect(s, c.truck, c.channel, out));
    c.caught = out.caught;
    c.exam_s = out.exam_s;
    c.done = k::to_seconds(s.now());
  }
  std::vector<double> waits() const {
    std::vector<double> out;
    for (const auto& e : w.log.of(E::InspectionWaitEnd)) out.push_back(e.seconds);
    return out;
  }
};

}  // namespace

TEST(InspectionOfficers, OnDutyByTheShiftList) {
  InspectionRig r({"customs.officer_shifts=[{hours: \"22:00-06:00\", officers: 2}, {hours: \"06:00-14:00\", officers: 1},"
                   " {hours: \"14:00-22:00\", officers: 3}]"});
  const auto on_duty_at = [&](double h) {
    r.w.run_until_s(h * 3600);
    return r.inspection.officers().capacity();
  };
  EXPECT_EQ(on_duty_at(0), 2);
  EXPECT_EQ(on_duty_at(5.99), 2);
  EXPECT_EQ(on_duty_at(6), 1);
  EXPECT_EQ(on_duty_at(14), 3);
  EXPECT_EQ(on_duty_at(22), 2);
  EXPECT_EQ(on_duty_at(30.5), 1);  // day 2, 06:30
}

TEST(InspectionOfficers, DocumentChecksWaitForAFreeOfficer) {
  InspectionRig one({officers(1)});
  const auto& a = one.inspect(p::Channel::Yellow, 0s);
  const auto& b = one.inspect(p::Channel::Yellow, 0s);
  one.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(a.done, 600);
  EXPECT_DOUBLE_EQ(b.done, 1200);
  EXPECT_EQ(one.waits(), (std::vector<double>{0, 600}));

  InspectionRig two({officers(2)});
  const auto& c = two.inspect(p::Channel::Yellow, 0s);
  const auto& d = two.inspect(p::Channel::Yellow, 0s);
  two.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(c.done, 600);
  EXPECT_DOUBLE_EQ(d.done, 600);
  EXPECT_EQ(two.waits(), (std::vector<double>{0, 0}));
}

TEST(InspectionOfficers, NobodyOnDutyMeansWaitingForTheShift) {
  InspectionRig r({"customs.officer_shifts=[{hours: \"06:00-22:00\", officers: 1}]"});
  const auto& a = r.inspect(p::Channel::Yellow, 1h);
  r.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(a.done, 6 * 3600.0 + 600);
  EXPECT_EQ(r.waits(), (std::vector<double>{5 * 3600.0}));
}

TEST(InspectionOfficers, PhysicalExaminationsAreServedBeforeDocumentChecks) {
  // One officer. A (document check) has it 0-600 s; B (document check, 10 s) and C (red, 20 s)
  // wait; C is served first at 600 s (until 7800 s), then B (until 8400 s).
  InspectionRig r({officers(1)});
  const auto& a = r.inspect(p::Channel::Yellow, 0s);
  const auto& b = r.inspect(p::Channel::Yellow, 10s);
  const auto& c = r.inspect(p::Channel::Red, 20s);
  r.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(a.done, 600);
  EXPECT_DOUBLE_EQ(c.done, 7800);
  EXPECT_DOUBLE_EQ(b.done, 8400);
  EXPECT_EQ(r.waits(), (std::vector<double>{0, 580, 7790}));
  EXPECT_EQ(r.w.log.times(E::PhysicalExamination), (std::vector<double>{20}));
}

TEST(InspectionBays, PhysicalExaminationsWaitForABay) {
  InspectionRig r({officers(2)});
  const auto& a = r.inspect(p::Channel::Red, 0s, 1, true);
  const auto& b = r.inspect(p::Channel::Red, 0s);
  r.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(a.done, 7200);
  EXPECT_DOUBLE_EQ(b.done, 14400);  // one bay
  EXPECT_EQ(r.waits(), (std::vector<double>{0, 7200}));
  EXPECT_DOUBLE_EQ(a.exam_s, 7200);  // the examination alone, without b's wait for the bay
  EXPECT_DOUBLE_EQ(b.exam_s, 7200);
  EXPECT_TRUE(a.caught);
  EXPECT_FALSE(b.caught);  // nothing to find
  const auto phys = r.w.log.of(E::PhysicalExamination);
  ASSERT_EQ(phys.size(), 2u);
  EXPECT_EQ(phys[0].channel, p::Channel::Red);
  EXPECT_EQ(phys[1].time, k::SimTime{});
}

TEST(InspectionDocuments, ADocumentCheckFindsByItsDetectionRate) {
  InspectionRig finds({officers(1)});
  const auto& a = finds.inspect(p::Channel::Yellow, 0s, 1, true);
  finds.w.run_until_s(86400);
  EXPECT_TRUE(a.caught);
  InspectionRig blind({officers(1), "customs.document_check_detection_rate=0"});
  const auto& b = blind.inspect(p::Channel::Yellow, 0s, 1, true);
  blind.w.run_until_s(86400);
  EXPECT_FALSE(b.caught);
  EXPECT_DOUBLE_EQ(b.done, 600);
  EXPECT_DOUBLE_EQ(b.exam_s, 0);  // a document check is no physical examination
}

TEST(InspectionScanners, ScannersAreRegisteredAfterTheLanesDevices) {
  InspectionRig r({officers(1), "customs.xray_scanners=[xray]"}, xray);
  ASSERT_EQ(r.devices.size(), 1u);
  EXPECT_EQ(r.devices[0].name, "customs/xray");
  EXPECT_EQ(r.devices[0].pool, &r.inspection.scanners());
  EXPECT_EQ(r.inspection.scanners().capacity(), 1);
}

TEST(InspectionScanners, AScanClearsACompliantTruckAndFlagsANonCompliantOne) {
  // Scans take 60 s per container; one scanner. A (2 containers, compliant): scanned 0-120 s,
  // released. B (1 container, non-compliant) waits for the scanner until 120 s, scanned until
  // 180 s, then examined physically until 180 + 7200 s.
  InspectionRig r({officers(1), "customs.xray_scanners=[xray]"}, xray);
  const auto& a = r.inspect(p::Channel::Red, 0s, 2);
  const auto& b = r.inspect(p::Channel::Red, 0s, 1, true);
  r.w.run_until_s(86400);
  EXPECT_DOUBLE_EQ(a.done, 120);
  EXPECT_FALSE(a.caught);
  EXPECT_DOUBLE_EQ(a.exam_s, 0);  // cleared by the scan
  EXPECT_DOUBLE_EQ(b.done, 180 + 7200);
  EXPECT_DOUBLE_EQ(b.exam_s, 7200);
  EXPECT_TRUE(b.caught);
  EXPECT_EQ(r.w.log.times(E::Scanned), (std::vector<double>{120, 180}));
  EXPECT_EQ(r.w.log.times(E::PhysicalExamination), (std::vector<double>{180}));
  EXPECT_EQ(r.waits(), (std::vector<double>{0, 120, 0}));  // scanner, scanner, bay and officer
  EXPECT_EQ(r.devices[0].reads, 2u);
  EXPECT_DOUBLE_EQ(r.devices[0].busy_s, 180.0);
}
