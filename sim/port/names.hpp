// The one name table of every enum of the port model: the scenario loader parses with it, the
// writers and the visualizer print with it, and the schema lists its allowed values from it.
// Tables pair each value with its name (nothing is parsed by position).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/port/config.hpp"
#include "sim/port/observer.hpp"
#include "sim/port/truck.hpp"

namespace portsim::port {

/// Specialised once per enum: `table` pairs every value with its file/report name.
template <class E>
struct EnumNames;

template <>
struct EnumNames<NodeKind> {
  static constexpr std::array<std::pair<NodeKind, std::string_view>, 6> table{{
      {NodeKind::Entry, "entry"}, {NodeKind::Buffer, "buffer"}, {NodeKind::Gate, "gate"},
      {NodeKind::Inspection, "inspection"}, {NodeKind::Yard, "yard"}, {NodeKind::Exit, "exit"}}};
};
template <>
struct EnumNames<LaneKind> {
  static constexpr std::array<std::pair<LaneKind, std::string_view>, 4> table{{
      {LaneKind::General, "general"}, {LaneKind::TrustedTrader, "trusted_trader"},
      {LaneKind::AppointmentOnly, "appointment_only"}, {LaneKind::PaperlessOnly, "paperless_only"}}};
};
template <>
struct EnumNames<DeviceKind> {
  static constexpr std::array<std::pair<DeviceKind, std::string_view>, 7> table{{
      {DeviceKind::RfidReader, "rfid_reader"}, {DeviceKind::OcrCamera, "ocr_camera"},
      {DeviceKind::EplateReader, "eplate_reader"}, {DeviceKind::EsealReader, "eseal_reader"},
      {DeviceKind::WeighInMotion, "weigh_in_motion"}, {DeviceKind::RadiationPortal, "radiation_portal"},
      {DeviceKind::XrayScanner, "xray_scanner"}}};
};
template <>
struct EnumNames<DeclarationMode> {
  static constexpr std::array<std::pair<DeclarationMode, std::string_view>, 3> table{{
      {DeclarationMode::Paper, "paper"}, {DeclarationMode::Electronic, "electronic"},
      {DeclarationMode::PreArrival, "pre_arrival"}}};
};
template <>
struct EnumNames<Channel> {
  static constexpr std::array<std::pair<Channel, std::string_view>, 3> table{{
      {Channel::Green, "green"}, {Channel::Yellow, "yellow"}, {Channel::Red, "red"}}};
};
template <>
struct EnumNames<SelectionMode> {
  static constexpr std::array<std::pair<SelectionMode, std::string_view>, 2> table{{
      {SelectionMode::Random, "random"}, {SelectionMode::Risk, "risk"}}};
};
template <>
struct EnumNames<DemandMode> {
  static constexpr std::array<std::pair<DemandMode, std::string_view>, 3> table{{
      {DemandMode::Profile, "profile"}, {DemandMode::Appointments, "appointments"},
      {DemandMode::Renewal, "renewal"}}};
};
template <>
struct EnumNames<LaneChoice> {
  static constexpr std::array<std::pair<LaneChoice, std::string_view>, 2> table{{
      {LaneChoice::ShortestQueue, "shortest_queue"}, {LaneChoice::CommonQueue, "common_queue"}}};
};
template <>
struct EnumNames<TruckState> {
  static constexpr std::array<std::pair<TruckState, std::string_view>, 7> table{{
      {TruckState::Travelling, "travelling"}, {TruckState::SpilledBack, "spilled_back"},
      {TruckState::Queued, "queued"}, {TruckState::InService, "in_service"},
      {TruckState::SelectedForInspection, "selected_for_inspection"},
      {TruckState::UnderInspection, "under_inspection"}, {TruckState::Released, "released"}}};
};
template <>
struct EnumNames<EventKind> {
  static constexpr std::array<std::pair<EventKind, std::string_view>, 27> table{{
      {EventKind::Arrived, "arrived"}, {EventKind::Balked, "balked"},
      {EventKind::SpilledBack, "spilled_back"}, {EventKind::Queued, "queued"},
      {EventKind::LaneServiceStart, "lane_service_start"}, {EventKind::LaneServiceEnd, "lane_service_end"},
      {EventKind::SensorReadFailed, "sensor_read_failed"},
      {EventKind::SelectedForInspection, "selected_for_inspection"},
      {EventKind::InspectionStart, "inspection_start"}, {EventKind::InspectionEnd, "inspection_end"},
      {EventKind::Released, "released"}, {EventKind::Exited, "exited"},
      {EventKind::LaneOpened, "lane_opened"}, {EventKind::LaneClosed, "lane_closed"},
      {EventKind::DeviceDown, "device_down"}, {EventKind::DeviceUp, "device_up"},
      {EventKind::SystemDown, "system_down"}, {EventKind::SystemUp, "system_up"},
      {EventKind::NoShow, "no_show"}, {EventKind::SpillbackEnded, "spillback_ended"},
      {EventKind::ManualStep, "manual_step"}, {EventKind::OutageFallback, "outage_fallback"},
      {EventKind::TroubleTicket, "trouble_ticket"}, {EventKind::ChannelAssigned, "channel_assigned"},
      {EventKind::InspectionWaitEnd, "inspection_wait_end"}, {EventKind::Scanned, "scanned"},
      {EventKind::PhysicalExamination, "physical_examination"}}};
};

template <>
struct EnumNames<RunEnd> {
  static constexpr std::array<std::pair<RunEnd, std::string_view>, 2> table{{{RunEnd::Cut, "cut"}, {RunEnd::Drain, "drain"}}};
};

template <>
struct EnumNames<TripKind> {
  static constexpr std::array<std::pair<TripKind, std::string_view>, 3> table{{
      {TripKind::Import, "import"}, {TripKind::Export, "export"}, {TripKind::Empty, "empty"}}};
};

/// The name of `value` ("?" only for a value outside the table, a programming error).
template <class E>
constexpr std::string_view name_of(E value) noexcept {
  for (const auto& [v, name] : EnumNames<E>::table) {
    if (v == value) return name;
  }
  return "?";
}

/// The value named `name`, or nothing.
template <class E>
constexpr std::optional<E> parse_name(std::string_view name) noexcept {
  for (const auto& [v, n] : EnumNames<E>::table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

/// Every name of E in table order (the allowed values of a file field).
template <class E>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  for (const auto& [v, n] : EnumNames<E>::table) out.emplace_back(n);
  return out;
}

}  // namespace portsim::port
