#include "sim/port/truck.hpp"

namespace portsim::port {

void draw_attributes(Truck& t, const DemandConfig& d, const CustomsConfig& cu) {
  const double k = t.u(draw::kind);
  t.kind = k < d.import_share ? TripKind::Import
           : k < d.import_share + d.export_share ? TripKind::Export
                                                 : TripKind::Empty;
  t.containers = 0;
  if (t.kind != TripKind::Empty) {
    const double c = t.u(draw::containers);
    t.containers = c < d.containers[0] ? 0 : (c < d.containers[0] + d.containers[1] ? 1 : 2);
    if (t.containers == 0) t.containers = 1;  // import pick-ups and export drop-offs carry one
  }
  t.rfid = t.u(draw::rfid) < d.rfid_share;
  t.eplate = t.u(draw::eplate) < d.eplate_share;
  t.trusted = t.u(draw::trusted) < d.trusted_trader_share;
  for (std::size_t c = 0; c < static_cast<std::size_t>(max_containers); ++c) {
    t.eseal[c] = t.u(draw::eseal0 + c) < d.eseal_share;
    t.noncompliant[c] = static_cast<int>(c) < t.containers && t.u(draw::noncompliant0 + c) < d.noncompliance_rate;
  }
  const double m = t.u(draw::declaration);
  t.declaration = m < cu.paper_share                          ? DeclarationMode::Paper
                  : m < cu.paper_share + cu.electronic_share ? DeclarationMode::Electronic
                                                              : DeclarationMode::PreArrival;
}

}  // namespace portsim::port
