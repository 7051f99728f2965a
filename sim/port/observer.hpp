// Observation side channel of the port model: domain events to observers, and a cheap snapshot of
// positions and states for the visualizer. The model knows no observer by name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/port/config.hpp"

namespace portsim::port {

enum class TruckId : std::uint32_t {};

enum class TruckState { Travelling, SpilledBack, Queued, InService, SelectedForInspection, UnderInspection, Released };
std::string to_string(TruckState s);

/// Domain events in the order a truck meets them (then the operational ones). Every KPI of a run
/// is computed from these by an observer (kpi_collector.hpp); names in names.hpp.
enum class EventKind {
  Arrived, Balked, SpilledBack, Queued, LaneServiceStart, LaneServiceEnd, SensorReadFailed,
  SelectedForInspection, InspectionStart, InspectionEnd, Released, Exited,
  LaneOpened, LaneClosed, DeviceDown, DeviceUp, SystemDown, SystemUp,
  NoShow,             // a booked truck that never comes (appointments)
  SpillbackEnded,     // a spilled-back truck leaves the public road
  ManualStep,         // a lane step done by hand (no device, device down, misread)
  OutageFallback,     // an electronic declaration handled on paper during an IT outage (also manual)
  TroubleTicket,      // the truck goes to the side window with an exception
  ChannelAssigned,    // customs chose the truck's channel (green too)
  InspectionWaitEnd,  // a wait for an officer, a scanner or a bay ended (`seconds`)
  Scanned,            // a non-intrusive (X-ray) scan finished
  PhysicalExamination // the truck needs a physical examination (queues for a bay and an officer)
};
std::string to_string(EventKind k);

struct DomainEvent {
  EventKind kind;
  kernel::SimTime time;
  TruckId truck{};      // truck events
  int gate = -1;        // index into ScenarioConfig::gates
  int lane = -1;        // index into the gate's lanes
  int device = -1;      // index into the lane's devices
  Channel channel = Channel::Green;
  double seconds = 0;   // InspectionWaitEnd: the wait; LaneServiceStart: the wait before the lane
  int count = 0;        // Arrived, Balked: the truck's non-compliant containers (hidden from customs)
};

/// Per-truck record at exit, the row of the checkpoint log (calibration/README.md).
struct TruckRecord {
  TruckId id{};
  int gate = -1;
  int lane = -1;
  std::string kind;  // import, export, empty
  int containers = 0;
  DeclarationMode declaration = DeclarationMode::Paper;
  Channel channel = Channel::Green;
  bool trusted_trader = false;
  bool appointment = false;
  kernel::SimTime arrived{};
  kernel::SimTime lane_start{};
  kernel::SimTime lane_end{};
  kernel::SimTime exited{};
  double pregate_wait_s = 0;
  double spillback_s = 0;
  double lane_service_s = 0;
  double inspection_s = 0;   // from the end of the lane (and side window) to the end of the inspection
  double exam_s = 0;         // the physical examination itself (0: none)
  kernel::SimTime inspection_end{};  // when the inspection ended (selected trucks)
  double yard_s = 0;
  int manual_fallbacks = 0;
  int noncompliant = 0;  // non-compliant containers on the truck (hidden from customs)
  bool caught = false;
};

class PortObserver {
 public:
  virtual ~PortObserver() = default;
  virtual void on_event(const DomainEvent& /*event*/) {}
  virtual void on_truck_exit(const TruckRecord& /*record*/) {}
};

/// Positions and states at one instant; cheap to take (no model internals exposed).
struct Snapshot {
  kernel::SimTime time{};
  struct TruckView {
    TruckId id;
    TruckState state;
    int gate;
    int lane;           // -1 unless queued or in service
    int road;           // road index when travelling or spilled back, else -1
    double road_progress;  // 0..1 along the road
    int node;           // node index when at a node, else -1
  };
  struct LaneView {
    int gate;
    int lane;
    bool open;
    bool busy;
    bool device_failed;
    int queue;
  };
  std::vector<TruckView> trucks;
  std::vector<LaneView> lanes;
  std::vector<int> gate_queue;      // trucks waiting for a lane, per gate
  std::vector<int> gate_spillback;  // trucks waiting on the public road, per gate
  bool system_up = true;
  std::uint64_t trucks_exited = 0;
};

}  // namespace portsim::port
