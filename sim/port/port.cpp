// The facade of the port model and the story of one truck: the truck process calls the components
// in the order a truck meets them (sim/port/README.md draws it).
#include "sim/port/port.hpp"

#include "sim/kernel/event.hpp"
#include "sim/port/names.hpp"
#include "sim/port/port_builder.hpp"

namespace portsim::port {

using kernel::Lease;
using kernel::Process;
using kernel::SimTime;
using kernel::Simulation;

namespace {

/// What one visit has gathered by the time the truck leaves (the checkpoint record's values).
struct Visit {
  SimTime arrived{};
  int lane = -1;
  double spilled_s = 0;
  double pregate_s = 0;
  LaneServiceResult service;
  Channel channel = Channel::Green;
  Inspection::Outcome inspection;
  SimTime inspection_end{};
  double inspection_s = 0;
  double yard_s = 0;
};

TruckRecord make_record(const Truck& t, const Visit& v, const Gate& g, SimTime exited) {
  TruckRecord r;
  r.id = TruckId{t.id};
  r.gate = t.gate;
  r.lane = v.lane;
  r.kind = std::string(name_of(t.kind));
  r.containers = t.containers;
  r.declaration = t.declaration;
  r.channel = v.channel;
  r.trusted_trader = t.trusted;
  r.appointment = t.appointment;
  r.arrived = v.arrived;
  r.exited = exited;
  r.pregate_wait_s = v.pregate_s;
  r.spillback_s = v.spilled_s;
  r.lane_service_s = v.service.seconds;
  r.inspection_s = v.inspection_s;
  r.yard_s = v.yard_s;
  r.manual_fallbacks = v.service.manual;
  r.noncompliant = t.noncompliant_count();
  r.caught = v.inspection.caught;
  r.exam_s = v.inspection.exam_s;
  r.inspection_end = v.inspection_end;
  r.lane_start = v.arrived + g.free_flow_to_gate + kernel::to_duration(v.pregate_s);
  r.lane_end = r.lane_start + kernel::to_duration(v.service.seconds);
  return r;
}

}  // namespace

struct Port::Impl final : VisitStarter {
  Impl(Simulation& s, const ScenarioConfig& c, const Layout& l, const kernel::RandomStreams& st)
      : sim(s), cfg(c), parts(s, c, l, st, *this) {}

  void start_visit(Simulation& s, Truck t) override { s.start(truck_visit(s, std::move(t))); }

  /// Drives a route with capacity-limited roads, road by road (no spill-back onto the public road).
  Process drive(Simulation& s, const Truck& t, const Layout::Route* route, Lease& held, Visit& v) {
    return parts.roads.drive(s, t, *route, held, nullptr, v.spilled_s);
  }

  Process truck_visit(Simulation& s, Truck t) {
    Gate& g = parts.gates.gate(static_cast<std::size_t>(t.gate));
    const EventBus& bus = parts.bus;
    if (!arrives(t, g)) co_return;  // balked: the queue on the public road is too long
    Visit v;
    v.arrived = s.now();
    Lease held;
    for (std::size_t ri : *g.to_gate) {  // RoadNetwork::drive inlined: no sub-process on the common path
      if (kernel::Resource* road = parts.roads.capacity(ri)) {
        const SimTime from = s.now();
        const bool spilled = parts.roads.spill_begin(t, &g, *road, held);
        Lease next = co_await road->request();
        if (spilled) v.spilled_s += parts.roads.spill_end(t, g, from);
        held = std::move(next);
      } else {
        held.release();
      }
      co_await s.timeout(parts.roads.enter_road(t, ri));
    }
    parts.tracker.at(t.slot).road = -1;

    // Pre-gate queue: wait for a lane while holding the buffer (last road) slot.
    std::size_t li = parts.gates.choose(g, t);
    queued(t, g, li);
    if (li == no_lane) {
      kernel::Event<std::size_t> assigned(s);
      g.common_queue.push_back({&t, &assigned});
      li = co_await assigned;
    }
    Lane& lane = parts.gates.lane(li);
    lane.reserved = false;
    Lease lane_lease = co_await lane.res->request();
    service_starts(t, g, lane, held, v);
    co_await s.timeout(kernel::to_duration(v.service.seconds));
    lane_lease.release();
    service_ends(t, g, lane);

    if (parts.customs.has_trouble_ticket(t)) {  // exceptions are resolved at a side window
      bus.publish(truck_event(EventKind::TroubleTicket, s.now(), t, lane.index));
      co_await s.timeout(parts.customs.trouble_ticket_time(t));
    }
    v.channel = parts.customs.select(t);
    bus.publish(truck_event(EventKind::ChannelAssigned, s.now(), t, lane.index, v.channel));
    if (v.channel != Channel::Green) {
      selected(t, v);
      const SimTime from = s.now();  // inspection time includes the drive to the inspection area
      if (g.inspection) {
        if (parts.roads.is_limited(g.to_inspection)) co_await s.start(drive(s, t, g.to_inspection, held, v));
        else co_await s.timeout(parts.roads.free_drive(t, g.to_inspection, held));
      }
      inspection_starts(t, g, v);
      co_await s.start(parts.inspection.inspect(s, t, v.channel, v.inspection));
      v.inspection_end = s.now();
      v.inspection_s = kernel::to_seconds(s.now() - from);
      bus.publish(truck_event(EventKind::InspectionEnd, s.now(), t, v.lane, v.channel));
      if (g.inspection) {
        if (parts.roads.is_limited(g.inspection_to_yard)) co_await s.start(drive(s, t, g.inspection_to_yard, held, v));
        else co_await s.timeout(parts.roads.free_drive(t, g.inspection_to_yard, held));
      }
    } else if (parts.roads.is_limited(g.to_yard)) {
      co_await s.start(drive(s, t, g.to_yard, held, v));
    } else {
      co_await s.timeout(parts.roads.free_drive(t, g.to_yard, held));
    }
    released(t, g, v);
    held.release();

    v.yard_s = sample_at(cfg.yard_time, t.u(draw::yard));
    const kernel::Duration in_yard = kernel::to_duration(v.yard_s);
    if (parts.roads.is_limited(g.to_exit)) {
      co_await s.timeout(in_yard);
      co_await s.start(parts.roads.drive(s, t, *g.to_exit, held, nullptr, v.spilled_s));
    } else {  // yard work and the drive out in one wait; snapshots show the truck in the yard first
      co_await s.timeout(in_yard + parts.roads.free_drive(t, g.to_exit, held, in_yard));
    }
    held.release();
    exits(t, g, v);
  }

  /// Arrival at the port; false when the truck balks (then it never enters the system).
  bool arrives(Truck& t, const Gate& g) {
    DomainEvent arrived = truck_event(EventKind::Arrived, sim.now(), t);
    arrived.count = t.noncompliant_count();
    parts.bus.publish(arrived);
    if (g.cfg->balk_queue > 0 && g.spilled >= g.cfg->balk_queue) {
      arrived.kind = EventKind::Balked;
      parts.bus.publish(arrived);
      stop_if_empty();
      return false;
    }
    t.slot = parts.tracker.admit(t);
    return true;
  }
  /// The lane admitted the truck: it leaves the buffer slot and the lane's steps are drawn.
  void service_starts(const Truck& t, Gate& g, const Lane& lane, Lease& held, Visit& v) {
    --g.queued;
    held.release();
    v.lane = lane.index;
    v.pregate_s = kernel::to_seconds(sim.now() - v.arrived - g.free_flow_to_gate);
    parts.tracker.at(t.slot).state = TruckState::InService;
    DomainEvent start = truck_event(EventKind::LaneServiceStart, sim.now(), t, lane.index);
    start.seconds = v.pregate_s;
    parts.bus.publish(start);
    v.service = parts.lane_service.serve(lane, t);
  }
  /// The lane is free again (common queue: handed to the next eligible truck).
  void service_ends(const Truck& t, Gate& g, const Lane& lane) {
    if (g.cfg->lane_choice == LaneChoice::CommonQueue) parts.gates.dispatch(g);
    parts.bus.publish(truck_event(EventKind::LaneServiceEnd, sim.now(), t, lane.index));
  }
  void exits(const Truck& t, const Gate& g, const Visit& v) {
    parts.bus.publish(truck_event(EventKind::Exited, sim.now(), t, v.lane, v.channel));
    parts.bus.truck_exit(make_record(t, v, g, sim.now()));
    parts.tracker.leave(t.slot);
    stop_if_empty();
  }
  /// Ends the run after the last truck of a drain (Port::stop_when_empty).
  void stop_if_empty() {
    if (stop_when_empty && parts.tracker.inside() == 0 && parts.demand.on_the_way() == 0 && parts.clearance.in_progress() == 0) {
      sim.stop();
    }
  }

  /// The truck joins the pre-gate queue, in lane li or (no_lane) the common queue.
  void queued(const Truck& t, Gate& g, std::size_t li) {
    TruckPosition& p = parts.tracker.at(t.slot);
    p.state = TruckState::Queued;
    p.lane = li == no_lane ? -1 : parts.gates.lane(li).index;
    p.node = static_cast<int>(g.node);
    ++g.queued;
    parts.bus.publish(truck_event(EventKind::Queued, sim.now(), t, p.lane));
  }
  void selected(const Truck& t, const Visit& v) {
    parts.tracker.at(t.slot).state = TruckState::SelectedForInspection;
    parts.bus.publish(truck_event(EventKind::SelectedForInspection, sim.now(), t, v.lane, v.channel));
  }
  /// The truck is at the inspection area (or stays at the gate without one).
  void inspection_starts(const Truck& t, const Gate& g, const Visit& v) {
    TruckPosition& p = parts.tracker.at(t.slot);
    p.route = nullptr;
    p.state = TruckState::UnderInspection;
    p.node = g.inspection ? static_cast<int>(*g.inspection) : static_cast<int>(g.node);
    parts.bus.publish(truck_event(EventKind::InspectionStart, sim.now(), t, v.lane, v.channel));
  }
  void released(const Truck& t, const Gate& g, const Visit& v) {
    TruckPosition& p = parts.tracker.at(t.slot);
    p.route = nullptr;
    p.state = TruckState::Released;
    p.node = static_cast<int>(g.yard);
    parts.bus.publish(truck_event(EventKind::Released, sim.now(), t, v.lane, v.channel));
  }

  Simulation& sim;
  const ScenarioConfig& cfg;
  PortComponents parts;
  bool stop_when_empty = false;
};

Port::Port(Simulation& sim, const ScenarioConfig& cfg, const kernel::RandomStreams& streams) : sim_(sim), cfg_(cfg) {
  const auto problems = check_model(cfg_);
  if (!problems.empty()) throw ModelError(problems.front().first, problems.front().second);
  layout_ = std::make_unique<Layout>(cfg_.nodes, cfg_.roads);
  impl_ = std::make_unique<Impl>(sim_, cfg_, *layout_, streams);
}

Port::~Port() = default;

void Port::start() { impl_->parts.start(sim_); }
void Port::restart_statistics() { impl_->parts.restart_statistics(sim_.now()); }
void Port::add_observer(PortObserver* observer) { impl_->parts.bus.subscribe(observer); }
KpiList Port::kpis() const {
  KpiList k = impl_->parts.kpis.kpis(sim_.now(), impl_->parts.kpi_sources());
  if (cfg_.clearance.enabled()) impl_->parts.trs.append_kpis(k, sim_.now(), impl_->parts.clearance.in_progress());
  return k;
}
void Port::add_clearance_observer(ClearanceObserver* observer) { impl_->parts.clearance.subscribe(observer); }
void Port::end_arrivals() {
  impl_->parts.demand.stop_arrivals();
  impl_->parts.clearance.end_arrivals();
  impl_->parts.kpis.close_window(sim_.now(), impl_->parts.kpi_sources());
}

void Port::stop_when_empty() {
  impl_->stop_when_empty = true;
  impl_->parts.clearance.on_empty([this] { impl_->stop_if_empty(); });
}

Port::WorkInProgress Port::work_in_progress() const {
  const TruckTracker& t = impl_->parts.tracker;
  return {t.inside() + impl_->parts.demand.on_the_way(),
          t.in_state(TruckState::SelectedForInspection) + t.in_state(TruckState::UnderInspection),
          impl_->parts.clearance.in_progress()};
}

std::vector<double> Port::hourly_queue() const { return impl_->parts.kpis.hourly_queue(sim_.now()); }
std::vector<double> Port::hourly_throughput() const { return impl_->parts.kpis.hourly_throughput(sim_.now()); }

Snapshot Port::snapshot() const {
  const PortComponents& p = impl_->parts;
  Snapshot s;
  s.time = sim_.now();
  s.system_up = p.customs.system_up();
  s.trucks_exited = p.kpis.trucks_exited();
  p.tracker.views(sim_.now(), *layout_, s.trucks);
  for (const Lane& l : p.gates.lanes()) {
    bool failed = false;
    for (std::size_t d : l.devices) failed = failed || !p.devices[d].up;
    s.lanes.push_back({l.gate, l.index, l.open, l.res->in_use() > 0, failed, static_cast<int>(l.res->queue_length())});
  }
  for (const Gate& g : p.gates.gates()) {
    s.gate_queue.push_back(g.queued);
    s.gate_spillback.push_back(g.spilled);
  }
  return s;
}

}  // namespace portsim::port
