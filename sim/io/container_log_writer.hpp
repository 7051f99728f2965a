// The container log (`portsim run --container-log`): one row per released container with every
// milestone of its clearance, in hours from the start of the run (sim/port/clearance.hpp):
//   container_id, vessel, call, mode, aeo, channel, agency, electronic_payment, noncompliant,
//   caught, manifest, arrival, lodged, accepted, control_start, controlled, agency_done, paid,
//   released, available, arrival_to_release_h
// (agency_done equals controlled when no other agency checks the container). Rows come in the
// order of release.
#pragma once

#include <string>

#include "sim/io/atomic_stream.hpp"
#include "sim/port/clearance.hpp"
#include "sim/port/config.hpp"

namespace portsim::io {

class ContainerLogWriter : public port::ClearanceObserver {
 public:
  ContainerLogWriter(std::string path, const port::ScenarioConfig& cfg);
  void on_released(const port::ContainerRecord& r) override;
  void finish() { file_.finish(); }
  static const char* header();

 private:
  AtomicStream file_;
  const port::ScenarioConfig& cfg_;
};

}  // namespace portsim::io
