// Writes tables into an SQLite database file atomically (build in path.tmp, then rename).
#pragma once

#include <string>
#include <vector>

namespace portsim::io {

struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<bool> numeric;  // per column: REAL (true) or TEXT
  std::vector<std::vector<std::string>> rows;
};

/// Creates `path` with the given tables (replacing any old file). Throws std::runtime_error.
void write_sqlite(const std::string& path, const std::vector<Table>& tables);

/// Renders a table as CSV (header + rows; fields with commas or quotes are quoted).
std::string to_csv(const Table& t);

}  // namespace portsim::io
