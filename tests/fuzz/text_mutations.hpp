// Mutations of any text input, line by line and byte by byte: delete, duplicate, swap or repeat
// lines, truncate, insert odd bytes (NUL, invalid UTF-8, a BOM, CR), change line endings, empty
// the file. Every operation edits the text in place and returns what it did ("delete line 12"),
// or "" when it did not apply, so the caller can try another.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

struct TextLines {
  std::vector<std::string> lines;
  bool final_newline = true;
};

TextLines split_lines(const std::string& text);
std::string join_lines(const TextLines& t);

/// Byte ranges (position, length) of the numbers in `s` ("-1.5e3", "90" of "90s"), not those
/// inside words ("l0", "gate2"). A scanner, not std::regex: mutants hold megabyte-long runs of
/// digits, and libstdc++'s regex recurses once per character.
std::vector<std::pair<std::size_t, std::size_t>> number_tokens(const std::string& s, std::size_t end);

using TextOp = std::string (*)(std::string& text, FuzzRng& rng);

std::string delete_lines(std::string& text, FuzzRng& rng);
std::string duplicate_line(std::string& text, FuzzRng& rng);
std::string swap_lines(std::string& text, FuzzRng& rng);
std::string repeat_block(std::string& text, FuzzRng& rng);
std::string truncate_text(std::string& text, FuzzRng& rng);
std::string insert_bytes(std::string& text, FuzzRng& rng);
std::string line_endings(std::string& text, FuzzRng& rng);
std::string empty_text(std::string& text, FuzzRng& rng);

/// The operations above, for any format.
const std::vector<TextOp>& generic_ops();

}  // namespace portsim::fuzz
