// Devices on their own: a read succeeds exactly when its uniform is below read_success and takes
// the read time at its time uniform; failures() takes a device down and up again (DeviceDown /
// DeviceUp, the capacity of a pool follows it) and the statistics restart with the warm-up.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sim/kernel/resource.hpp"
#include "sim/port/devices.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using namespace std::chrono_literals;
using portsim::test::ComponentWorld;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;
using E = portsim::port::EventKind;

namespace {

std::string with_device(const std::string& device_yaml) {
  return tiny_port_yaml() + "devices:\n  - " + device_yaml + "\n";
}

struct DeviceRig {
  explicit DeviceRig(const std::string& device_yaml) : w(with_device(device_yaml)), devices(w.sim, w.bus) {
    p::Device d;
    d.cfg = &w.cfg.devices[0];
    d.name = "g/l/" + w.cfg.devices[0].id;
    d.gate = 0;
    d.lane = 2;
    d.index_in_lane = 1;
    index = devices.add(d);
  }
  ComponentWorld w;
  p::Devices devices;
  k::RandomStreams streams{1};  // failures() reads it when it starts: it must outlive the call
  std::size_t index = 0;
  p::Device& dev() { return devices[index]; }
};

const char* ocr_90 = "{id: ocr, kind: ocr_camera, read_time: \"uniform(2s, 4s)\", read_success: 0.9}";
const char* breaks = "{id: ocr, kind: ocr_camera, time_to_failure: \"constant(1000s)\", repair_time: \"constant(500s)\"}";

}  // namespace

TEST(Devices, AddReturnsIndicesInOrder) {
  DeviceRig r(ocr_90);
  p::Device second;
  second.cfg = &r.w.cfg.devices[0];
  EXPECT_EQ(r.index, 0u);
  EXPECT_EQ(r.devices.add(second), 1u);
  EXPECT_EQ(r.devices.size(), 2u);
  EXPECT_EQ(r.devices.all()[0].name, "g/l/ocr");
}

TEST(Devices, ReadSucceedsExactlyBelowReadSuccessAndTakesTheTimeAtItsUniform) {
  DeviceRig r(ocr_90);
  const p::Truck t = make_truck(4);
  const auto ok = r.devices.read(r.index, 0.89, 0.25, t);
  EXPECT_TRUE(ok.ok);
  EXPECT_DOUBLE_EQ(ok.seconds, 2.5);  // uniform(2, 4) at 0.25
  EXPECT_TRUE(r.w.log.events.empty());
  const auto misread = r.devices.read(r.index, 0.9, 0.75, t);
  EXPECT_FALSE(misread.ok);
  EXPECT_DOUBLE_EQ(misread.seconds, 3.5);  // a misread takes its time too
  ASSERT_EQ(r.w.log.kinds(), (std::vector<E>{E::SensorReadFailed}));
  const p::DomainEvent& e = r.w.log.events[0];
  EXPECT_EQ(e.truck, p::TruckId{4});
  EXPECT_EQ(e.gate, 0);
  EXPECT_EQ(e.lane, 2);
  EXPECT_EQ(e.device, 1);
  EXPECT_EQ(r.dev().reads, 2u);
  EXPECT_EQ(r.dev().failed_reads, 1u);
  EXPECT_DOUBLE_EQ(r.dev().busy_s, 6.0);
}

TEST(Devices, ADeviceThatIsDownReadsNothing) {
  DeviceRig r(ocr_90);
  r.dev().up = false;
  const auto res = r.devices.read(r.index, 0.0, 0.5, make_truck(1));
  EXPECT_FALSE(res.ok);
  EXPECT_DOUBLE_EQ(res.seconds, 0.0);
  EXPECT_EQ(r.dev().reads, 0u);
  EXPECT_EQ(r.dev().failed_reads, 0u);
  EXPECT_TRUE(r.w.log.events.empty());
}

TEST(Devices, RecordUseBooksAScan) {
  DeviceRig r(ocr_90);
  r.devices.record_use(r.index, 120);
  r.devices.record_use(r.index, 60);
  EXPECT_EQ(r.dev().reads, 2u);
  EXPECT_DOUBLE_EQ(r.dev().busy_s, 180.0);
}

TEST(Devices, FailuresToggleTheDeviceDownAndUp) {
  DeviceRig r(breaks);
  r.w.sim.start(r.devices.failures(r.w.sim, r.index, r.streams));
  r.w.run_until_s(1200);
  EXPECT_FALSE(r.dev().up);
  EXPECT_EQ(r.dev().down_since, k::SimTime{1000s});
  r.w.run_until_s(1600);
  EXPECT_TRUE(r.dev().up);
  r.w.run_until_s(3200);
  // Down 1000-1500 and 2500-3000 s.
  EXPECT_EQ(r.w.log.times(E::DeviceDown), (std::vector<double>{1000, 2500}));
  EXPECT_EQ(r.w.log.times(E::DeviceUp), (std::vector<double>{1500, 3000}));
  EXPECT_EQ(r.dev().failures, 2u);
  EXPECT_DOUBLE_EQ(r.dev().down_s, 1000.0);
  const p::DomainEvent e = r.w.log.of(E::DeviceDown).front();
  EXPECT_EQ(e.gate, 0);
  EXPECT_EQ(e.lane, 2);
  EXPECT_EQ(e.device, 1);
  EXPECT_EQ(e.truck, p::TruckId{});
}

TEST(Devices, FailureTimesComeFromTheDevicesOwnStream) {
  DeviceRig r("{id: ocr, kind: ocr_camera, time_to_failure: \"exponential(1000s)\", repair_time: \"exponential(100s)\"}");
  const k::RandomStreams streams(5);
  r.w.sim.start(r.devices.failures(r.w.sim, r.index, streams));
  r.w.run_until_s(20000);
  k::Rng rng = streams.stream("device/g/l/ocr");
  const auto ttf = k::Distribution::exponential(1000), repair = k::Distribution::exponential(100);
  const auto down = r.w.log.of(E::DeviceDown), up = r.w.log.of(E::DeviceUp);
  ASSERT_GE(down.size(), 3u);
  k::SimTime t{};
  for (std::size_t i = 0; i < down.size(); ++i) {
    t += ttf.sample_duration(rng);
    EXPECT_EQ(down[i].time, t) << "failure " << i;
    t += repair.sample_duration(rng);
    if (i < up.size()) {
      EXPECT_EQ(up[i].time, t) << "repair " << i;
    }
  }
}

TEST(Devices, APoolFollowsItsDevice) {
  DeviceRig r(breaks);
  k::Resource scanners(r.w.sim, 2);
  r.dev().pool = &scanners;
  r.w.sim.start(r.devices.failures(r.w.sim, r.index, r.streams));
  r.w.run_until_s(1200);
  EXPECT_EQ(scanners.capacity(), 1);
  r.w.run_until_s(1600);
  EXPECT_EQ(scanners.capacity(), 2);
}

TEST(Devices, RestartForgetsStatisticsAndCountsADownDeviceDownFromNow) {
  DeviceRig r(breaks);
  r.w.sim.start(r.devices.failures(r.w.sim, r.index, r.streams));
  r.devices.read(r.index, 0.0, 0.5, make_truck(1));
  r.w.run_until_s(1200);  // down since 1000 s
  r.devices.restart_statistics(r.w.sim.now());
  EXPECT_EQ(r.dev().reads, 0u);
  EXPECT_EQ(r.dev().failures, 0u);
  EXPECT_DOUBLE_EQ(r.dev().busy_s, 0.0);
  EXPECT_EQ(r.dev().down_since, k::SimTime{1200s});
  r.w.run_until_s(1600);  // up again at 1500 s: 300 s down since the restart
  EXPECT_DOUBLE_EQ(r.dev().down_s, 300.0);
}
