// The lane's step pipeline on its own: the service time is the exact sum of the step times
// (identify, documents, seals, weighing, radiation), devices replace manual steps, and a misread,
// a device that is down or an IT outage falls back to the manual time (ManualStep / OutageFallback).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sim/port/customs.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/gate.hpp"
#include "sim/port/lane_service.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;
using portsim::test::with_lanes;
using E = portsim::port::EventKind;

namespace {

// Manual times: identify 40, paper 45, electronic 8, pre-arrival 2, outage fallback 120, seal 20
// per container, static weighbridge 30, radiation by hand 15 (s).
const std::vector<std::string> step_times{
    "steps.documents_paper=\"constant(45s)\"",          "steps.documents_electronic=\"constant(8s)\"",
    "steps.documents_pre_arrival=\"constant(2s)\"",     "steps.documents_outage_fallback=\"constant(120s)\"",
    "steps.seal_manual_per_container=\"constant(20s)\"", "steps.weigh_static=\"constant(30s)\"",
    "steps.radiation_manual=\"constant(15s)\""};

std::string lanes_yaml() {
  std::string y = with_lanes(tiny_port_yaml(), 1,
                             "      - {id: bare}\n"
                             "      - {id: full, devices: [ocr, eseal, wim, rad], weigh: true}\n"
                             "      - {id: bad, devices: [eplate, ocr_bad, eseal_bad], weigh: true}\n"
                             "      - {id: noseal, check_seal: false, devices: [ocr]}\n"
                             "      - {id: many, check_seal: false, devices: [ocr_bad, ocr_bad, ocr_bad, ocr]}\n");
  y += "devices:\n"
       "  - {id: eplate, kind: eplate_reader, read_time: \"constant(1s)\", read_success: 0}\n"
       "  - {id: ocr, kind: ocr_camera, read_time: \"constant(3s)\", read_success: 1}\n"
       "  - {id: ocr_bad, kind: ocr_camera, read_time: \"constant(3s)\", read_success: 0}\n"
       "  - {id: eseal, kind: eseal_reader, read_time: \"constant(2s)\", read_success: 1}\n"
       "  - {id: eseal_bad, kind: eseal_reader, read_time: \"constant(2s)\", read_success: 0}\n"
       "  - {id: wim, kind: weigh_in_motion, read_time: \"constant(4s)\", read_success: 1}\n"
       "  - {id: rad, kind: radiation_portal, read_time: \"constant(5s)\", read_success: 1}\n";
  return y;
}

enum LaneIndex : std::size_t { bare, full, bad, noseal, many };

struct LaneRig {
  explicit LaneRig(std::vector<std::string> sets = {})
      : w(lanes_yaml(), with_steps(std::move(sets))),
        devices(w.sim, w.bus),
        gates(w.sim, w.cfg, w.layout, devices, w.bus),
        customs(w.cfg, streams, w.bus),
        service(w.sim, w.cfg.steps, devices, customs, w.bus) {}
  static std::vector<std::string> with_steps(std::vector<std::string> sets) {
    sets.insert(sets.end(), step_times.begin(), step_times.end());
    return sets;
  }
  ComponentWorld w;
  k::RandomStreams streams;
  p::Devices devices;
  p::Gates gates;
  p::Customs customs;
  p::LaneService service;

  p::LaneServiceResult serve(LaneIndex lane, const p::Truck& t) { return service.serve(gates.lane(lane), t); }
  p::Device& device(LaneIndex lane, std::size_t d) { return devices[gates.lane(lane).devices[d]]; }
};

p::Truck loaded(std::uint32_t id, int containers, p::DeclarationMode mode, bool eseals = false) {
  p::Truck t = make_truck(id);
  t.kind = p::TripKind::Import;
  t.containers = containers;
  t.declaration = mode;
  t.eseal = {eseals, eseals};
  return t;
}

}  // namespace

TEST(LaneService, EmptyTruckWithoutDevicesIsIdentifiedByHand) {
  LaneRig r;
  const auto res = r.serve(bare, make_truck(7));
  EXPECT_DOUBLE_EQ(res.seconds, 40.0);
  EXPECT_EQ(res.manual, 1);
  ASSERT_EQ(r.w.log.kinds(), (std::vector<E>{E::ManualStep}));
  EXPECT_EQ(r.w.log.events[0].truck, p::TruckId{7});
  EXPECT_EQ(r.w.log.events[0].lane, 0);
}

TEST(LaneService, StepTimesAreSummedExactly) {
  LaneRig r;
  // OCR 3 + paper 45 + two seals by hand 2 x 20 + weigh-in-motion 4 + radiation portal 5.
  const auto paper = r.serve(full, loaded(1, 2, p::DeclarationMode::Paper));
  EXPECT_DOUBLE_EQ(paper.seconds, 3 + 45 + 2 * 20 + 4 + 5);
  EXPECT_EQ(paper.manual, 0);  // seals without an e-seal are checked by hand: no fallback
  // OCR 3 + electronic 8 + two e-seals read 2 x 2 + WIM 4 + radiation 5.
  const auto electronic = r.serve(full, loaded(2, 2, p::DeclarationMode::Electronic, true));
  EXPECT_DOUBLE_EQ(electronic.seconds, 3 + 8 + 2 * 2 + 4 + 5);
  EXPECT_EQ(electronic.manual, 0);
  // A lane without seal check or weighing: OCR 3 + pre-arrival 2.
  const auto pre = r.serve(noseal, loaded(3, 1, p::DeclarationMode::PreArrival, true));
  EXPECT_DOUBLE_EQ(pre.seconds, 3 + 2);
  EXPECT_TRUE(r.w.log.events.empty());
  EXPECT_EQ(r.device(full, 0).reads, 2u);  // the OCR camera of lane "full" (lane "noseal" has its own)
  EXPECT_DOUBLE_EQ(r.device(full, 0).busy_s, 6.0);
}

TEST(LaneService, MisreadsFallBackToTheManualStepsInOrder) {
  LaneRig r;
  // E-plate misread 1 + OCR misread 3 + clerk 40; pre-arrival 2; e-seal misread 2 + by hand 20;
  // no WIM on the lane: static weighbridge 30; no portal: no radiation step.
  p::Truck t = loaded(5, 1, p::DeclarationMode::PreArrival, true);
  t.eplate = true;
  const auto res = r.serve(bad, t);
  EXPECT_DOUBLE_EQ(res.seconds, 1 + 3 + 40 + 2 + 2 + 20 + 30);
  EXPECT_EQ(res.manual, 2);
  EXPECT_EQ(r.w.log.kinds(), (std::vector<E>{E::SensorReadFailed, E::SensorReadFailed, E::ManualStep,
                                             E::SensorReadFailed, E::ManualStep}));
  EXPECT_EQ(r.w.log.events[0].device, 0);  // e-plate reader, the lane's first device
  EXPECT_EQ(r.w.log.events[1].device, 1);
  EXPECT_EQ(r.w.log.events[3].device, 2);
  EXPECT_EQ(r.w.log.events[2].lane, 2);
}

TEST(LaneService, ReadersApplyOnlyToTaggedTrucks) {
  LaneRig r;
  // Without an e-plate the reader is skipped: OCR misread 3 + clerk 40; empty truck: nothing else
  // but the static weighbridge 30.
  const auto res = r.serve(bad, make_truck(1));
  EXPECT_DOUBLE_EQ(res.seconds, 3 + 40 + 30);
  EXPECT_EQ(r.device(bad, 0).reads, 0u);
  EXPECT_EQ(r.device(bad, 1).reads, 1u);
}

TEST(LaneService, AtMostThreeIdentificationReadsThenTheClerk) {
  LaneRig r;
  const auto res = r.serve(many, make_truck(1));
  EXPECT_DOUBLE_EQ(res.seconds, 3 * 3 + 40);  // the fourth (working) camera is not tried
  EXPECT_EQ(res.manual, 1);
  EXPECT_EQ(r.device(many, 3).reads, 0u);
  EXPECT_EQ(r.w.log.of(E::SensorReadFailed).size(), p::max_identify_reads);
}

TEST(LaneService, DevicesThatAreDownLeaveTheirStepsToTheManualTimes) {
  LaneRig r;
  for (std::size_t d = 0; d < 4; ++d) r.device(full, d).up = false;
  // Clerk 40 + paper 45 + e-seal by hand 20 + static weighbridge 30 + radiation by hand 15.
  const auto res = r.serve(full, loaded(1, 1, p::DeclarationMode::Paper, true));
  EXPECT_DOUBLE_EQ(res.seconds, 40 + 45 + 20 + 30 + 15);
  EXPECT_EQ(res.manual, 2);  // identify and the e-seal; weighing and radiation are not counted
  EXPECT_EQ(r.w.log.kinds(), (std::vector<E>{E::ManualStep, E::ManualStep}));  // a device that is down reads nothing
  EXPECT_EQ(r.device(full, 0).reads, 0u);
}

TEST(LaneService, ElectronicDeclarationsGoOnPaperDuringAnOutage) {
  LaneRig r({"customs.outages=[{start: 0s, duration: 1h}]"});
  r.customs.start(r.w.sim);
  r.w.run_until_s(1);
  ASSERT_FALSE(r.customs.system_up());
  r.w.log.events.clear();
  const auto electronic = r.serve(noseal, loaded(1, 1, p::DeclarationMode::Electronic));
  EXPECT_DOUBLE_EQ(electronic.seconds, 3 + 120);
  EXPECT_EQ(electronic.manual, 1);
  ASSERT_EQ(r.w.log.kinds(), (std::vector<E>{E::OutageFallback}));
  EXPECT_EQ(r.w.log.events[0].time, k::SimTime{std::chrono::seconds(1)});
  const auto paper = r.serve(noseal, loaded(2, 1, p::DeclarationMode::Paper));
  EXPECT_DOUBLE_EQ(paper.seconds, 3 + 45);  // paper is paper, outage or not
  EXPECT_EQ(paper.manual, 0);
  r.w.run_until_s(3601);
  ASSERT_TRUE(r.customs.system_up());
  EXPECT_DOUBLE_EQ(r.serve(noseal, loaded(3, 1, p::DeclarationMode::Electronic)).seconds, 3 + 8);
}
