// The model check on its own: a valid scenario has no problem; each broken rule is reported with
// its key path and its exact message, every problem at once, in config order. The configurations
// are valid loaded scenarios edited as plain values (the loader would refuse them first).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/port/model_check.hpp"
#include "tests/port/test_scenarios.hpp"

namespace p = portsim::port;
using portsim::test::load_text;
using portsim::test::tiny_port_yaml;
using Problems = std::vector<std::pair<std::string, std::string>>;

namespace {

p::ScenarioConfig tiny() { return load_text(tiny_port_yaml()).config; }

p::GateConfig& gate(p::ScenarioConfig& c) { return c.gates.at(0); }

}  // namespace

TEST(ModelCheck, ValidScenarioHasNoProblem) { EXPECT_EQ(p::check_model(tiny()), Problems{}); }

TEST(ModelCheck, LayoutErrorsAreReportedAlone) {
  auto c = tiny();
  c.roads[3].to = "nowhere";
  gate(c).lanes.clear();  // would be a problem too, but the layout comes first
  EXPECT_EQ(p::check_model(c), (Problems{{"layout.roads[3].to", "unknown node \"nowhere\""}}));
  auto d = tiny();
  d.nodes[1].id = "in";
  EXPECT_EQ(p::check_model(d), (Problems{{"layout.nodes[1].id", "duplicate node id \"in\""}}));
}

TEST(ModelCheck, UnknownNodesOfAGate) {
  auto c = tiny();
  gate(c).entry = "nowhere";
  gate(c).yard = "depot";
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].entry", "unknown node \"nowhere\""},
                                         {"gates[0].yard", "unknown node \"depot\""}}));
}

TEST(ModelCheck, NodesOfTheWrongKind) {
  auto c = tiny();
  gate(c).entry = "buffer";
  gate(c).inspection = "yard";
  EXPECT_EQ(p::check_model(c),
            (Problems{{"gates[0].entry", "node \"buffer\" is a buffer node, expected a entry node"},
                      {"gates[0].inspection", "node \"yard\" is a yard node, expected a inspection node"}}));
}

TEST(ModelCheck, RequiredNodes) {
  auto c = tiny();
  gate(c).node.clear();
  gate(c).exit.clear();
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].node", "a gate node is required"},
                                         {"gates[0].exit", "a exit node is required"}}));
}

TEST(ModelCheck, UnreachableExit) {
  auto c = tiny();
  c.roads.pop_back();  // yard -> out
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].exit", "no road leads from \"yard\" to \"out\""}}));
}

TEST(ModelCheck, UnreachableGateYardAndInspection) {
  auto c = tiny();
  c.roads.erase(c.roads.begin() + 1);  // buffer -> gate
  c.nodes.push_back({"insp", p::NodeKind::Inspection, 0, 0});
  gate(c).inspection = "insp";
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].node", "no road leads from \"in\" to \"gate\""},
                                         {"gates[0].inspection", "no road leads from \"gate\" to \"insp\""},
                                         {"gates[0].inspection", "no road leads from \"insp\" to \"yard\""}}));
}

TEST(ModelCheck, LanesAndTheirDevices) {
  auto c = tiny();
  p::LaneConfig ghostly = gate(c).lanes[0];
  ghostly.devices = {"ghost", "spook"};
  gate(c).lanes = {ghostly, ghostly, ghostly};  // as `count: 3` makes them: reported once
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].lanes[0].devices[0]", "unknown device \"ghost\""},
                                         {"gates[0].lanes[0].devices[1]", "unknown device \"spook\""}}));
  gate(c).lanes.clear();
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].lanes", "a gate needs at least one lane"}}));
}

TEST(ModelCheck, AGateNeedsAGeneralLane) {
  auto c = tiny();
  gate(c).lanes[0].kind = p::LaneKind::TrustedTrader;
  EXPECT_EQ(p::check_model(c),
            (Problems{{"gates[0].lanes", "a gate needs at least one general lane (paper, non-trusted, walk-in trucks "
                                         "can use no other)"}}));
}

TEST(ModelCheck, AtLeastOneGate) {
  auto c = tiny();
  c.gates.clear();
  EXPECT_EQ(p::check_model(c), (Problems{{"gates", "at least one gate is required"}}));
}

TEST(ModelCheck, XrayScannersMustBeXrayDevices) {
  auto c = tiny();
  p::DeviceConfig ocr;
  ocr.id = "ocr";
  ocr.kind = p::DeviceKind::OcrCamera;
  c.devices.push_back(ocr);
  c.customs.xray_scanners = {"ocr", "xray"};
  EXPECT_EQ(p::check_model(c),
            (Problems{{"customs.xray_scanners[0]", "device \"ocr\" is a ocr_camera, expected an xray_scanner"},
                      {"customs.xray_scanners[1]", "unknown device \"xray\""}}));
}

TEST(ModelCheck, SomeOfficerMustBeOnDuty) {
  auto c = tiny();
  for (auto& shift : c.customs.officer_shifts) shift.count = 0;
  EXPECT_EQ(p::check_model(c),
            (Problems{{"customs.officer_shifts", "no officer is ever on duty: inspections could never end"}}));
}

TEST(ModelCheck, EveryProblemAtOnceInConfigOrder) {
  auto c = tiny();
  c.gates.push_back(gate(c));
  c.gates[0].exit = "nowhere";
  c.gates[1].lanes[0].devices = {"ghost"};
  c.customs.officer_shifts.clear();
  EXPECT_EQ(p::check_model(c), (Problems{{"gates[0].exit", "unknown node \"nowhere\""},
                                         {"gates[1].lanes[0].devices[0]", "unknown device \"ghost\""},
                                         {"customs.officer_shifts", "no officer is ever on duty: inspections could "
                                                                    "never end"}}));
}
