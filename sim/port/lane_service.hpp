// The step pipeline of a gate lane: identify (e-plate / RFID / OCR, else the clerk), documents
// (paper, electronic, pre-arrival; paper fallback during an IT outage), seals (e-seal reader, else
// by hand), weighing (weigh-in-motion, else the static weighbridge) and radiation screening.
// Each step uses the lane's devices through Devices::read and falls back to its manual time.
#pragma once

#include "sim/port/customs.hpp"
#include "sim/port/devices.hpp"
#include "sim/port/event_bus.hpp"
#include "sim/port/gate.hpp"

namespace portsim::port {

struct LaneServiceResult {
  double seconds = 0;  // total service time at the lane
  int manual = 0;      // steps done by hand instead of by a device (outage fallbacks included)
};

class LaneService {
 public:
  LaneService(kernel::Simulation& sim, const StepTimes& steps, Devices& devices, const Customs& customs,
              const EventBus& bus)
      : sim_(sim), steps_(steps), devices_(devices), customs_(customs), bus_(bus) {}

  /// Service of truck t in `lane`, step by step; publishes ManualStep / OutageFallback.
  LaneServiceResult serve(const Lane& lane, const Truck& t);

 private:
  // Each step adds its times to r.seconds one by one (the order of the sum is part of the result).
  void identify(const Lane& lane, const Truck& t, LaneServiceResult& r);
  void documents(const Truck& t, LaneServiceResult& r);
  void seals(const Lane& lane, const Truck& t, LaneServiceResult& r);
  void weigh(const Lane& lane, const Truck& t, LaneServiceResult& r);
  void radiation(const Lane& lane, const Truck& t, LaneServiceResult& r);
  void manual_step(const Truck& t, const Lane& lane, LaneServiceResult& r);

  kernel::Simulation& sim_;
  const StepTimes& steps_;
  Devices& devices_;
  const Customs& customs_;
  const EventBus& bus_;
};

}  // namespace portsim::port
