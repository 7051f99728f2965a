#include "sim/io/clearance_schema.hpp"

namespace portsim::io {

using namespace port;

namespace {

constexpr int max_discharge = 100000;  // containers per call: 4 x the largest ships' 24,000 TEU
constexpr int max_resources = 100000;

Table<VesselCallConfig> vessel_table() {
  Table<VesselCallConfig> t;
  t.field("name", &VesselCallConfig::name, "name of the service (its own random stream)")
      .required("missing: every vessel needs a name");
  t.field("first_arrival", &VesselCallConfig::first_arrival, "arrival of the first call, from the run's start");
  t.field("every", &VesselCallConfig::every, "time between calls (0: one call)");
  t.field("interarrival", &VesselCallConfig::interarrival,
          "random time between calls (calls at a rate, e.g. exponential(8h)); replaces `every`")
      .or_never()
      .repeats(std::chrono::minutes(1));
  t.field("discharge", &VesselCallConfig::discharge, "import containers discharged per call")
      .range(0, max_discharge)
      .unit("containers");
  t.field("discharge_rate", &VesselCallConfig::discharge_rate, "containers discharged an hour, all cranes together")
      .range(0.1, 100000)
      .unit("containers/h");
  t.rule("a vessel that calls again must call at least an hour apart",
         [](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path, VesselCallConfig& v) {
           if (v.every > kernel::Duration{0} && v.every < std::chrono::hours(1)) {
             r.problem(n["every"] ? n["every"] : n, path + ".every", "expected 0 (one call) or at least 1h between calls");
           }
         });
  return t;
}

}  // namespace

Table<ClearanceConfig> clearance_table() {
  Table<ClearanceConfig> t;
  t.list("vessels", &ClearanceConfig::vessels, vessel_table(), "the vessel calls that bring import containers (none: no clearance model)");
  t.field("announce_before", &ClearanceConfig::announce_before,
          "paperwork of a call starts this long before the vessel arrives (manifest and pre-arrival leads are capped at it)")
      .above(0);
  t.field("aeo_share", &ClearanceConfig::aeo_share, "share of consignees that are AEO (trusted traders; customs.trusted_trader_multiplier applies)")
      .probability();
  t.field("manifest_lead", &ClearanceConfig::manifest_lead, "manifest lodged this long before arrival");
  t.field("lodge_paper", &ClearanceConfig::lodge_paper, "paper declaration lodged this long after arrival");
  t.field("lodge_electronic", &ClearanceConfig::lodge_electronic, "electronic declaration lodged this long after arrival");
  t.field("lodge_pre_arrival", &ClearanceConfig::lodge_pre_arrival, "pre-arrival declaration lodged this long before arrival");
  t.field("accept_paper", &ClearanceConfig::accept_paper, "lodged to accepted, paper declarations");
  t.field("accept_electronic", &ClearanceConfig::accept_electronic, "lodged to accepted, electronic and pre-arrival declarations");
  t.field("document_officers", &ClearanceConfig::document_officers, "officers doing documentary checks (yellow and red)")
      .range(1, max_resources)
      .unit("officers");
  t.field("document_check", &ClearanceConfig::document_check, "time of one documentary check");
  t.field("exam_bays", &ClearanceConfig::exam_bays, "bays for physical examinations (red, after discharge)")
      .range(1, max_resources)
      .unit("bays");
  t.field("examination", &ClearanceConfig::examination, "time of one physical examination");
  t.field("agency_share", &ClearanceConfig::agency_share,
          "share of containers another agency checks (after customs; from acceptance with customs.single_window)")
      .probability();
  t.field("agency_time", &ClearanceConfig::agency_time, "time of the other agency's check");
  t.field("electronic_payment_share", &ClearanceConfig::electronic_payment_share, "share of duty paid electronically (the rest at a bank)")
      .probability();
  t.field("payment_electronic", &ClearanceConfig::payment_electronic, "acceptance to duty paid, electronic payment");
  t.field("payment_bank", &ClearanceConfig::payment_bank, "acceptance to duty paid, at a bank");
  t.field("available_after", &ClearanceConfig::available_after, "discharge to available for pick-up");
  return t;
}

}  // namespace portsim::io
