// Structure-aware mutations of row files: CSV logs (a header, rows of comma-separated fields,
// double quotes as in CBP's export) and traces (a header line, then space-separated records
// F/T/L/Q). A field is replaced by a hostile value of its shape (a date by "2016-13-01" or
// "-5-01-01", an hour by "24" or "2400 - 2500", a count by "2e9" or "nan"); rows are duplicated
// (duplicated hours, huge files), deleted or reordered; columns deleted or swapped; header names
// misspelt; rows cut short or given extra fields or unbalanced quotes; a whole column made
// malformed. Traces also get odd headers (version, a scenario path with a space, interval 0) and
// out-of-range indices.
#pragma once

#include <string>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz {

struct Row {
  std::vector<std::string> fields;
  std::vector<bool> quoted;
};

/// Fields of one line; with sep ',' a double-quoted field may hold commas.
Row split_row(const std::string& line, char sep);
std::string join_row(const Row& row, char sep);

enum class RecordFormat { Csv, Trace };

using RecordOp = std::string (*)(TextLines& t, RecordFormat format, FuzzRng& rng);

const std::vector<RecordOp>& record_ops(RecordFormat format);

}  // namespace portsim::fuzz
