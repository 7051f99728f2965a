#include "sim/port/lane_service.hpp"

namespace portsim::port {

LaneServiceResult LaneService::serve(const Lane& lane, const Truck& t) {
  LaneServiceResult r;
  identify(lane, t, r);
  documents(t, r);
  seals(lane, t, r);
  weigh(lane, t, r);
  radiation(lane, t, r);
  return r;
}

void LaneService::manual_step(const Truck& t, const Lane& lane, LaneServiceResult& r) {
  ++r.manual;
  bus_.publish(truck_event(EventKind::ManualStep, sim_.now(), t, lane.index));
}

// E-plate or RFID when the truck is tagged, else OCR; a misread or a device down -> the clerk.
void LaneService::identify(const Lane& lane, const Truck& t, LaneServiceResult& r) {
  bool identified = false;
  std::size_t attempt = 0;
  for (std::size_t di : lane.devices) {
    const DeviceKind k = devices_[di].cfg->kind;
    const bool applies = (k == DeviceKind::EplateReader && t.eplate) || (k == DeviceKind::RfidReader && t.rfid) ||
                         k == DeviceKind::OcrCamera;
    if (!applies || identified || attempt >= max_identify_reads) continue;
    const ReadResult read = devices_.read(di, t.u(draw::read0 + attempt), t.u(draw::device_time0 + attempt), t);
    ++attempt;
    r.seconds += read.seconds;
    identified = read.ok;
  }
  if (!identified) {
    r.seconds += sample_at(steps_.identify_manual, t.u(draw::identify));
    manual_step(t, lane, r);
  }
}

void LaneService::documents(const Truck& t, LaneServiceResult& r) {
  if (t.containers == 0) return;
  const double u = t.u(draw::documents);
  if (t.declaration == DeclarationMode::Paper) {
    r.seconds += sample_at(steps_.documents_paper, u);
  } else if (!customs_.system_up()) {
    r.seconds += sample_at(steps_.documents_outage_fallback, u);
    ++r.manual;
    bus_.publish(truck_event(EventKind::OutageFallback, sim_.now(), t));
  } else {
    r.seconds += sample_at(t.declaration == DeclarationMode::Electronic ? steps_.documents_electronic
                                                                        : steps_.documents_pre_arrival,
                           u);
  }
}

// One seal per container: an e-seal is read by the lane's reader; otherwise, or on a misread, by hand.
void LaneService::seals(const Lane& lane, const Truck& t, LaneServiceResult& r) {
  if (!lane.cfg->check_seal) return;
  for (int c = 0; c < t.containers; ++c) {
    const auto ci = static_cast<std::size_t>(c);
    bool read_ok = false;
    if (t.eseal[ci]) {
      for (std::size_t di : lane.devices) {
        if (devices_[di].cfg->kind != DeviceKind::EsealReader) continue;
        const ReadResult read = devices_.read(di, t.u(draw::eseal_read0 + ci), t.u(draw::eseal_read_time), t);
        r.seconds += read.seconds;
        read_ok = read.ok;
        break;
      }
    }
    if (!read_ok) {
      r.seconds += sample_at(steps_.seal_manual_per_container, t.u(draw::seal0 + ci));
      if (t.eseal[ci]) manual_step(t, lane, r);
    }
  }
}

// Weigh-in-motion when the lane has it and it reads; else the static weighbridge.
void LaneService::weigh(const Lane& lane, const Truck& t, LaneServiceResult& r) {
  if (!lane.cfg->weigh) return;
  bool weighed = false;
  for (std::size_t di : lane.devices) {
    if (devices_[di].cfg->kind != DeviceKind::WeighInMotion) continue;
    const ReadResult read = devices_.read(di, t.u(draw::wim), t.u(draw::weigh), t);
    r.seconds += read.seconds;
    weighed = read.ok;
    break;
  }
  if (!weighed) r.seconds += sample_at(steps_.weigh_static, t.u(draw::weigh));
}

void LaneService::radiation(const Lane& lane, const Truck& t, LaneServiceResult& r) {
  for (std::size_t di : lane.devices) {
    if (devices_[di].cfg->kind != DeviceKind::RadiationPortal) continue;
    const ReadResult read = devices_.read(di, 0.0, t.u(draw::radiation), t);
    r.seconds += read.ok ? read.seconds : sample_at(steps_.radiation_manual, t.u(draw::radiation));
    break;
  }
}

}  // namespace portsim::port
