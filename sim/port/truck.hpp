// The truck as the model sees it: attributes drawn from one key (A4), so every scenario sees the
// same trucks, and the named indices of its uniforms. Plain values, no behaviour beyond drawing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/kernel/random.hpp"
#include "sim/port/config.hpp"

namespace portsim::port {

/// A truck carries at most this many containers (one 40-foot or two 20-foot boxes).
constexpr int max_containers = 2;
/// Agency checks with their own uniforms per truck (more would share draws).
constexpr std::size_t max_agency_checks = 4;
/// Identification devices tried in a lane before the clerk types the plate.
constexpr std::size_t max_identify_reads = 3;

enum class TripKind { Import, Export, Empty };

/// Indices into a truck's uniforms u(i) (drawn at arrival, so every scenario sees the same trucks).
/// Appending is safe; reordering changes every result.
namespace draw {
enum Index : std::size_t {
  kind, containers, forty0, forty1, rfid, eplate, trusted, eseal0, eseal1,
  noncompliant0, noncompliant1, declaration, risk0, risk1, select, doc_check,
  agency0, agency_end = agency0 + max_agency_checks, identify = agency_end, read0,
  read_end = read0 + max_identify_reads, documents = read_end, seal0, seal1, eseal_read0, eseal_read1,
  weigh, wim, radiation, ticket, ticket_time, xray_flag, xray_time, physical_time, physical_detect,
  doc_detect, yard, no_show, punctuality, device_time0, device_time_end = device_time0 + max_identify_reads,
  eseal_read_time = device_time_end, late, count
};
}  // namespace draw

struct Truck {
  std::uint32_t id = 0;
  int gate = 0;
  TripKind kind = TripKind::Import;
  int containers = 0;
  std::array<bool, max_containers> eseal{};
  std::array<bool, max_containers> noncompliant{};
  bool rfid = false, eplate = false, trusted = false, appointment = false;
  DeclarationMode declaration = DeclarationMode::Paper;
  std::uint64_t key = 0;  // A4: the truck's uniforms are u(i) = keyed_uniform(key, i), computed on demand
  std::size_t slot = 0;   // its place in the TruckTracker

  double u(std::size_t i) const noexcept { return kernel::keyed_uniform(key, i); }
  int noncompliant_count() const noexcept { return (noncompliant[0] ? 1 : 0) + (noncompliant[1] ? 1 : 0); }
  bool any_noncompliant() const noexcept { return noncompliant[0] || noncompliant[1]; }
};

/// Fills a truck's attributes from its uniforms (kind, containers, tags, trusted trader, seals,
/// hidden compliance, declaration mode).
void draw_attributes(Truck& t, const DemandConfig& demand, const CustomsConfig& customs);

/// A time sample in seconds at uniform u, never negative.
inline double sample_at(const Distribution& d, double u) {
  const double x = d.quantile(u);
  return x > 0.0 ? x : 0.0;
}

}  // namespace portsim::port
