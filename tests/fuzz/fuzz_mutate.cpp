// portsim_fuzz_mutate: the fuzz harness's mutator on its own. Prints mutant KEY of FILE to stdout
// and what was mutated to stderr; the same key always gives the same bytes.
//
//   portsim_fuzz_mutate --format yaml --key 42 scenarios/baseline.yaml > m.yaml
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "tests/fuzz/fuzz_rng.hpp"
#include "tests/fuzz/mutator.hpp"
#include "tests/fuzz/seed_set.hpp"

using namespace portsim::fuzz;

int main(int argc, char** argv) {
  CLI::App app{"portsim_fuzz_mutate: one seeded, structure-aware mutant of an input file"};
  std::string file, format = "yaml";
  std::uint64_t key = 0;
  app.add_option("file", file, "seed input")->required()->check(CLI::ExistingFile);
  app.add_option("--format", format, "yaml, csv, trace or json")->check(CLI::IsMember({"yaml", "csv", "trace", "json"}));
  app.add_option("--key", key, "generator key (a campaign uses the key of its seed and mutant index)");
  CLI11_PARSE(app, argc, argv);
  const std::map<std::string, Format> formats{
      {"yaml", Format::Yaml}, {"csv", Format::Csv}, {"trace", Format::Trace}, {"json", Format::Json}};
  FuzzRng rng(key);
  const Mutant m = mutate(formats.at(format), read_text(file), std::filesystem::path(file).filename().string(), rng);
  std::cout << m.text;
  std::cerr << m.what << "\n";
  return 0;
}
