#include "sim/io/container_log_writer.hpp"

#include <fmt/format.h>

#include "sim/port/names.hpp"

namespace portsim::io {

ContainerLogWriter::ContainerLogWriter(std::string path, const port::ScenarioConfig& cfg) : file_(std::move(path)), cfg_(cfg) {
  file_.out() << header() << '\n';
}

const char* ContainerLogWriter::header() {
  return "container_id,vessel,call,mode,aeo,channel,agency,electronic_payment,noncompliant,caught,manifest,arrival,lodged,"
         "accepted,control_start,controlled,agency_done,paid,released,available,arrival_to_release_h";
}

void ContainerLogWriter::on_released(const port::ContainerRecord& r) {
  const auto h = [](kernel::SimTime t) { return kernel::to_hours(t); };
  const auto yes = [](bool b) { return b ? 1 : 0; };
  file_.out() << fmt::format("{},{},{},{},{},{},{},{},{},{},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f}\n",
                             static_cast<std::uint32_t>(r.id), cfg_.clearance.vessels.at(static_cast<std::size_t>(r.vessel)).name,
                             r.call, port::name_of(r.mode), yes(r.aeo), port::name_of(r.channel), yes(r.agency),
                             yes(r.electronic_payment), yes(r.noncompliant), yes(r.caught), h(r.manifest), h(r.arrival),
                             h(r.lodged), h(r.accepted), h(r.control_start), h(r.controlled), h(r.agency_done), h(r.paid),
                             h(r.released), h(r.available), kernel::to_hours(r.released - r.arrival));
}

}  // namespace portsim::io
