// Customs inspection: officers on shifts (one pool; physical examinations before document checks),
// inspection bays and X-ray scanners. A yellow truck gets a document check with the other agencies;
// a red truck is scanned (when there are scanners) and examined physically when the scan flags it
// or there is no scanner.
#pragma once

#include <vector>

#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/customs.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/event_bus.hpp"

namespace portsim::port {

class Inspection {
 public:
  /// Registers customs' scanners with `devices` (after the lanes' devices).
  Inspection(kernel::Simulation& sim, const ScenarioConfig& cfg, Devices& devices, const Customs& customs,
             const EventBus& bus);

  /// What an inspection found and how long its physical examination took (0: none).
  struct Outcome {
    bool caught = false;  // a non-compliant container was found
    double exam_s = 0;    // the physical examination itself, without the waits before it
  };
  /// Inspects truck t in channel ch (yellow or red) into `out`. Publishes InspectionWaitEnd,
  /// Scanned and PhysicalExamination.
  kernel::Process inspect(kernel::Simulation& s, const Truck& t, Channel ch, Outcome& out);
  /// Officers on duty by the daily shift list; runs for ever (start it urgent, before arrivals).
  kernel::Process officer_shifts(kernel::Simulation& s);

  const kernel::Resource& officers() const noexcept { return officers_; }
  const kernel::Resource& scanners() const noexcept { return scanners_; }
  void restart_statistics();

 private:
  void waited(const Truck& t, kernel::SimTime since);

  kernel::Simulation& sim_;
  const CustomsConfig& cu_;
  Devices& devices_;
  const Customs& customs_;
  const EventBus& bus_;
  kernel::Resource officers_;
  kernel::Resource bays_;
  kernel::Resource scanners_;
  std::vector<std::size_t> scanner_devices_;
};

}  // namespace portsim::port
