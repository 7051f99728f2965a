// The reports of a comparison from a hand-made one (two scenarios, three KPIs): the console
// tables, report.md and differences.csv by their full text, comparison.json by its fields.
#include <gtest/gtest.h>

#include "sim/io/comparison_report.hpp"

namespace io = portsim::io;

namespace {

io::KpiSummary kpi(const std::string& name, const std::string& unit, double mean, double half_width) {
  io::KpiSummary s;
  s.name = name;
  s.unit = unit;
  s.mean = mean;
  s.half_width = half_width;
  s.n = 3;
  return s;
}

io::PairedDifference difference(const std::string& name, const std::string& unit, double base, double other,
                                double half_width, double variance_crn, double variance_independent) {
  io::PairedDifference d;
  d.name = name;
  d.unit = unit;
  d.base_mean = base;
  d.other_mean = other;
  d.diff_mean = other - base;
  d.half_width = half_width;
  d.significant = std::abs(d.diff_mean) > half_width;
  d.variance_crn = variance_crn;
  d.variance_independent = variance_independent;
  return d;
}

io::Comparison two_scenarios() {
  io::Comparison c;
  c.seed = 7;
  c.replications = 3;
  c.level = 0.9;
  c.wall_seconds = 1.25;
  io::ComparedScenario base;
  base.name = "base";
  base.summary = {kpi("turn_time_mean", "min", 60.5, 2.5), kpi("trucks_arrived", "trucks", 1500, 0),
                  kpi("idle_co2", "kg", 0.25, 0.125)};
  io::ComparedScenario reform;
  reform.name = "a-reform-with-a-long-name";
  reform.summary = {kpi("turn_time_mean", "min", 40.25, 1.5), kpi("trucks_arrived", "trucks", 1500, 0),
                    kpi("idle_co2", "kg", 0.5, 0.25)};
  reform.differences = {difference("turn_time_mean", "min", 60.5, 40.25, 3, 2, 10),
                        difference("trucks_arrived", "trucks", 1500, 1500, 0, 0, 0),
                        difference("idle_co2", "kg", 0.25, 0.5, 0.5, 0, 0.5)};
  c.scenarios = {base, reform};
  return c;
}

const std::vector<std::string> headline = {"idle_co2", "turn_time_mean"};

}  // namespace

TEST(ComparisonReport, FormatsValuesToThreeSignificantDigitsUpToAThousand) {
  EXPECT_EQ(io::format_value(0), "0");
  EXPECT_EQ(io::format_value(1500.7), "1501");
  EXPECT_EQ(io::format_value(-150.74), "-150.7");
  EXPECT_EQ(io::format_value(2.3449), "2.34");
  EXPECT_EQ(io::format_value(0.01234), "0.012");
}

TEST(ComparisonReport, ConsoleTablesShowTheHeadlineRowsInSummaryOrder) {
  EXPECT_EQ(io::comparison_tables(two_scenarios(), false, headline),
            "Comparison against base (3 replications each, seed 7, common random numbers, 90% CI; 1.2 s)\n"
            "\n"
            "KPI                                   base a-reform-with-a\n"
            "turn_time_mean                       60.50           40.25  min\n"
            "idle_co2                             0.250           0.500  kg\n"
            "\n"
            "a-reform-with-a-long-name vs base: paired differences (scenario - base)\n"
            "  turn_time_mean                 -20.25 [   -23.25,    -17.25] min  CRN variance reduction x5.0\n"
            "  idle_co2                        0.250 [   -0.250,     0.750] kg  (not significant)\n");
}

TEST(ComparisonReport, ConsoleTablesWithAllKpisShowEveryRow) {
  const auto text = io::comparison_tables(two_scenarios(), true, headline);
  EXPECT_NE(text.find("\ntrucks_arrived                        1500            1500  trucks\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  trucks_arrived                      0 [        0,         0] trucks  (not significant)\n"),
            std::string::npos)
      << text;
}

TEST(ComparisonReport, MarkdownListsTheTableRowsAndTheNonZeroDifferences) {
  EXPECT_EQ(io::comparison_markdown(two_scenarios(), "portsim compare a b", {"turn_time_mean", "idle_co2"},
                                    {"turn_time_mean", "trucks_arrived", "idle_co2"}),
            "<!-- made by: portsim compare a b -->\n"
            "\n"
            "Base: **base**. 3 replications per scenario, seed 7, common random numbers, 90% Student-t confidence "
            "intervals (mean ± half-width).\n"
            "\n"
            "| KPI | unit | base | a-reform-with-a-long-name |\n"
            "|---|---|---|---|\n"
            "| turn_time_mean | min | 60.50 ± 2.50 | 40.25 ± 1.50 |\n"
            "| idle_co2 | kg | 0.250 ± 0.125 | 0.500 ± 0.250 |\n"
            "\n"
            "Paired differences (reform − base) with their CI; *n.s.* = not significant; *CRN ×* = variance of the "
            "difference with independent seeds over that with common random numbers (×1.0: they did not narrow "
            "the CI, as when a reform removes the queue and with it the KPI's variance; ×>1000: the reform hardly "
            "changes the KPI in any replication, so the paired difference is nearly exact).\n"
            "\n"
            "| reform | KPI | difference | CI | note |\n"
            "|---|---|---|---|---|\n"
            "| a-reform-with-a-long-name | turn_time_mean (min) | -20.25 | [-23.25, -17.25] | CRN ×5.0 |\n"
            "| a-reform-with-a-long-name | idle_co2 (kg) | 0.250 | [-0.250, 0.750] | n.s. |\n");
}

TEST(ComparisonReport, DifferencesCsvHasOneRowPerReformAndKpi) {
  EXPECT_EQ(io::differences_csv(two_scenarios()),
            "scenario,base,kpi,unit,base_mean,scenario_mean,difference,ci_low,ci_high,significant,variance_crn,"
            "variance_independent,variance_reduction\n"
            "a-reform-with-a-long-name,base,turn_time_mean,min,60.5,40.25,-20.25,-23.25,-17.25,1,2,10,5\n"
            "a-reform-with-a-long-name,base,trucks_arrived,trucks,1500,1500,0,0,0,0,0,0,0\n"
            "a-reform-with-a-long-name,base,idle_co2,kg,0.25,0.5,0.25,-0.25,0.75,0,0,0.5,0\n");
}

TEST(ComparisonReport, JsonHoldsTheSettingsAndEachReformsDifferences) {
  const std::vector<io::Provenance> provenance = {{"a.yaml", "base", "h1", 7, 3, "9.9", "portsim compare a b"},
                                                  {"b.yaml", "a-reform-with-a-long-name", "h2", 7, 3, "9.9",
                                                   "portsim compare a b"}};
  const auto j = io::comparison_json(two_scenarios(), provenance);
  EXPECT_EQ(j["base"], "base");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["replications"], 3);
  EXPECT_EQ(j["ci_level"], 0.9);
  EXPECT_EQ(j["command_line"], "portsim compare a b");
  EXPECT_EQ(j["program_version"], "9.9");
  ASSERT_EQ(j["scenarios"].size(), 2u);
  EXPECT_EQ(j["scenarios"][1]["scenario_file"], "b.yaml");
  EXPECT_FALSE(j["scenarios"][0].contains("paired_differences"));
  const auto& d = j["scenarios"][1]["paired_differences"];
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0]["kpi"], "turn_time_mean");
  EXPECT_EQ(d[0]["difference"], -20.25);
  EXPECT_EQ(d[0]["ci_half_width"], 3);
  EXPECT_EQ(d[0]["significant"], true);
  EXPECT_EQ(d[0]["variance_independent"], 10);
}

TEST(ComparisonReport, ANoteSaysWhenAReformSpendsAnotherInspectionBudget) {
  // Checks (yellow + red) per replication: base 100, 104, 96; "same" within 1; "more" about 10% more.
  const auto runs = [](std::vector<double> yellow, std::vector<double> red) {
    std::vector<io::RunResult> out;
    for (std::size_t r = 0; r < yellow.size(); ++r) {
      io::RunResult x;
      x.replication = r;
      x.kpis = {{"channel_yellow", "trucks", yellow[r]}, {"channel_red", "trucks", red[r]}};
      out.push_back(x);
    }
    return out;
  };
  const auto scenario = [](std::string name, std::vector<io::RunResult> rs) {
    io::ComparedScenario s;
    s.name = std::move(name);
    double y = 0, r = 0;
    for (const auto& x : rs) {
      y += x.kpis[0].value / static_cast<double>(rs.size());
      r += x.kpis[1].value / static_cast<double>(rs.size());
    }
    s.summary = {kpi("channel_yellow", "trucks", y, 0), kpi("channel_red", "trucks", r, 0)};
    s.runs = std::move(rs);
    return s;
  };
  io::Comparison c;
  c.replications = 3;
  c.scenarios = {scenario("base", runs({77, 80, 74}, {23, 24, 22})), scenario("same", runs({77, 81, 74}, {23, 24, 22})),
                 scenario("more", runs({85, 88, 81}, {25, 27, 24}))};
  EXPECT_EQ(io::budget_notes(c),
            "\nnote: more spends another inspection budget than base: 110.0 against 100.0 checks (yellow + red) per "
            "run (+10.0%); its catches and misses partly reflect the budget, not only how trucks are selected\n");
}

TEST(ComparisonReport, AVarianceReductionFromRoundingIsNotPrintedAsANumber) {
  // A reform that leaves the pre-gate wait as it is: the paired differences are 0 up to rounding,
  // and their variance (1e-30) over the independent one gave "x3639266449823603420460744704.0".
  auto c = two_scenarios();
  c.scenarios[1].differences = {difference("turn_time_mean", "min", 60.5, 40.25, 3, 2, 10),
                                difference("idle_co2", "kg", 0.25, 0.25, 1e-15, 1e-30, 0.5)};
  const std::string text = io::comparison_tables(c, false, headline);
  EXPECT_NE(text.find("turn_time_mean                 -20.25 [   -23.25,    -17.25] min  CRN variance reduction x5.0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kg  (not significant)  CRN variance reduction x>1000\n"), std::string::npos) << text;
}
