// The configuration of import clearance, from a vessel's call to the goods' release (the WCO Time
// Release Study clock), as plain values; sim/io fills and validates them. The declaration mix,
// the channel rates, the AEO factor and the single window are customs' (CustomsConfig): one
// source of truth for the gate and the clearance.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/random.hpp"
#include "sim/kernel/time.hpp"

namespace portsim::port {

/// A liner service: a vessel that calls every `every` from `first_arrival` (or, with
/// `interarrival`, at gaps drawn from it: calls at a rate) and discharges `discharge` import
/// containers at `discharge_rate` an hour (all cranes together).
struct VesselCallConfig {
  std::string name;
  kernel::Duration first_arrival = std::chrono::hours(72);  // leaves room for manifests and pre-arrival filing
  kernel::Duration every = std::chrono::hours(24 * 7);      // 0: a single call
  std::optional<kernel::Distribution> interarrival;         // given: random gaps instead of `every`
  int discharge = 0;
  double discharge_rate = 100;  // containers an hour
};

struct ClearanceConfig {
  std::vector<VesselCallConfig> vessels;  // none: no clearance model
  /// Paperwork for a call begins this long before the vessel arrives (the manifest's and the
  /// pre-arrival declarations' leads are capped at it).
  kernel::Duration announce_before = std::chrono::hours(72);
  double aeo_share = 0.1;  // consignees that are authorised economic operators (trusted traders)
  kernel::Distribution manifest_lead = kernel::Distribution::constant(24 * 3600.0);  // before arrival
  // Declaration lodged, after arrival (paper, electronic) or before it (pre-arrival).
  kernel::Distribution lodge_paper = kernel::Distribution::lognormal(20 * 3600.0, 15 * 3600.0);
  kernel::Distribution lodge_electronic = kernel::Distribution::lognormal(8 * 3600.0, 8 * 3600.0);
  kernel::Distribution lodge_pre_arrival = kernel::Distribution::triangular(2 * 3600.0, 12 * 3600.0, 48 * 3600.0);
  // Lodged -> accepted (registration); pre-arrival declarations are electronic.
  kernel::Distribution accept_paper = kernel::Distribution::triangular(3600.0, 3 * 3600.0, 8 * 3600.0);
  kernel::Distribution accept_electronic = kernel::Distribution::triangular(60.0, 600.0, 3600.0);
  // Yellow and red: a documentary check by one officer; red then a physical examination in a bay
  // (after discharge).
  int document_officers = 20;
  kernel::Distribution document_check = kernel::Distribution::triangular(900.0, 1800.0, 7200.0);
  int exam_bays = 20;
  kernel::Distribution examination = kernel::Distribution::triangular(2 * 3600.0, 4 * 3600.0, 8 * 3600.0);
  // Other agencies (quarantine, standards, ...): after customs' control, or with a single window
  // from acceptance, alongside it.
  double agency_share = 0.2;
  kernel::Distribution agency_time = kernel::Distribution::triangular(2 * 3600.0, 6 * 3600.0, 24 * 3600.0);
  // Duty payment from acceptance (the assessment): electronic or at a bank.
  double electronic_payment_share = 0.5;
  kernel::Distribution payment_electronic = kernel::Distribution::triangular(60.0, 600.0, 3600.0);
  kernel::Distribution payment_bank = kernel::Distribution::triangular(2 * 3600.0, 6 * 3600.0, 24 * 3600.0);
  // Discharge -> available for pick-up (yard placement).
  kernel::Distribution available_after = kernel::Distribution::triangular(3600.0, 2 * 3600.0, 6 * 3600.0);

  bool enabled() const noexcept { return !vessels.empty(); }
};

}  // namespace portsim::port
