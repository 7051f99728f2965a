// Internal to the fuzz harness's input kinds: one builder per kind (input_kinds.cpp for YAML and
// flags, log_kinds.cpp for logs, traces and run stores) and the helpers they share.
#pragma once

#include <string>

#include "tests/fuzz/input_kinds.hpp"
#include "tests/fuzz/mutator.hpp"

namespace portsim::fuzz::builders {

/// The seed's text, or a mutant of it (then c.what says how).
std::string mutated(Format format, const SeedFile& seed, FuzzRng& rng, bool identity, Case& c);

/// Adds or replaces the file at `path` in the case.
void set_file(Case& c, const std::string& path, const std::string& text);

/// set_file for the mutated file (the one a minimiser shrinks).
void set_mutant(Case& c, const std::string& path, const std::string& text);

/// Every shipped scenario at the top of the case folder (what `extends`, batches and traces find).
void add_scenarios(Case& c, const SeedSet& s);

Case scenario(const SeedSet& s, FuzzRng& rng, bool identity);
Case batch(const SeedSet& s, FuzzRng& rng, bool identity);
Case set_flag(const SeedSet& s, FuzzRng& rng, bool identity, bool with_viz);
Case duration_flag(const SeedSet& s, FuzzRng& rng, bool identity);
Case date_flag(const SeedSet& s, FuzzRng& rng, bool identity);
Case model_file(const SeedSet& s, FuzzRng& rng, bool identity);

Case hourly_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case cbp_awt_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case sandag_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case cbp_bwt_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case monthly_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case cascade_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case vehicle_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case truck_log(const SeedSet& s, FuzzRng& rng, bool identity);
Case trace(const SeedSet& s, FuzzRng& rng, bool identity);
Case run_store(const SeedSet& s, FuzzRng& rng, bool identity);

}  // namespace portsim::fuzz::builders
