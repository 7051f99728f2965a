#include "sim/port/inspection.hpp"

#include "sim/port/gate.hpp"

namespace portsim::port {

namespace {
constexpr int priority_physical = 0;   // officers serve physical examinations first
constexpr int priority_documents = 1;
}  // namespace

Inspection::Inspection(kernel::Simulation& sim, const ScenarioConfig& cfg, Devices& devices, const Customs& customs,
                       const EventBus& bus)
    : sim_(sim), cu_(cfg.customs), devices_(devices), customs_(customs), bus_(bus),
      officers_(sim, 0, kernel::QueueDiscipline::Priority), bays_(sim, cfg.customs.inspection_bays),
      scanners_(sim, static_cast<std::int64_t>(cfg.customs.xray_scanners.size())) {
  for (const std::string& id : cu_.xray_scanners) {
    for (const DeviceConfig& d : cfg.devices) {
      if (d.id != id) continue;
      Device dev;
      dev.cfg = &d;
      dev.name = "customs/" + id;
      dev.pool = &scanners_;
      scanner_devices_.push_back(devices_.add(std::move(dev)));
      break;
    }
  }
}

void Inspection::waited(const Truck& t, kernel::SimTime since) {
  DomainEvent e = truck_event(EventKind::InspectionWaitEnd, sim_.now(), t);
  e.seconds = kernel::to_seconds(sim_.now() - since);
  bus_.publish(e);
}

kernel::Process Inspection::inspect(kernel::Simulation& s, const Truck& t, Channel ch, Outcome& out) {
  if (ch == Channel::Yellow) {
    const double check_s = customs_.agency_checks_seconds(t);
    const kernel::SimTime wait_from = s.now();
    kernel::Lease officer = co_await officers_.request(priority_documents);
    waited(t, wait_from);
    co_await s.timeout(kernel::to_duration(check_s));
    out.caught = t.any_noncompliant() && t.u(draw::doc_detect) < cu_.document_check_detection_rate;
    co_return;
  }
  bool physical_needed = true;
  if (!scanner_devices_.empty()) {
    const kernel::SimTime wait_from = s.now();
    kernel::Lease scanner = co_await scanners_.request();
    waited(t, wait_from);
    const std::size_t di = scanner_devices_.front();
    const DeviceConfig& xc = *devices_[di].cfg;
    const double scan_s = sample_at(xc.read_time, t.u(draw::xray_time)) * t.containers;
    co_await s.timeout(kernel::to_duration(scan_s));
    bus_.publish(truck_event(EventKind::Scanned, s.now(), t, -1, ch));
    devices_.record_use(di, scan_s);
    physical_needed = t.u(draw::xray_flag) < (t.any_noncompliant() ? xc.detection_rate : xc.false_alarm_rate);
  }
  if (physical_needed) {
    bus_.publish(truck_event(EventKind::PhysicalExamination, s.now(), t, -1, ch));
    const kernel::SimTime wait_from = s.now();
    kernel::Lease bay = co_await bays_.request();
    kernel::Lease officer = co_await officers_.request(priority_physical);
    waited(t, wait_from);
    out.exam_s = sample_at(cu_.physical_inspection, t.u(draw::physical_time));
    co_await s.timeout(kernel::to_duration(out.exam_s));
    out.caught = t.any_noncompliant() && t.u(draw::physical_detect) < cu_.physical_detection_rate;
  }
}

kernel::Process Inspection::officer_shifts(kernel::Simulation& s) {
  const auto& shifts = cu_.officer_shifts;
  while (true) {
    const kernel::Duration tod = time_of_day(s.now());
    int on_duty = 0;
    for (const DailyWindow& w : shifts) on_duty += in_window(tod, w) ? w.count : 0;
    officers_.set_capacity(on_duty);
    co_await s.timeout(until_next_boundary(s.now(), shifts));
  }
}

void Inspection::restart_statistics() {
  officers_.restart_statistics();
  bays_.restart_statistics();
  scanners_.restart_statistics();
}

}  // namespace portsim::port
