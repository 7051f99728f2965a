// Edit distances between names, for "did you mean" suggestions (unknown keys, choices, ids of an
// extends file that are one or two letters off the base's).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace portsim::io {

/// Levenshtein distance (insertions, deletions and substitutions of one character).
std::size_t edit_distance(const std::string& a, const std::string& b);
/// The Levenshtein distance when it is at most `limit`, else limit + 1 (in O(limit * length)).
std::size_t edit_distance_within(const std::string& a, const std::string& b, std::size_t limit);
/// The nearest candidate within a small distance, or empty.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace portsim::io
