#include "tests/fuzz/record_mutations.hpp"

#include <algorithm>

#include "tests/fuzz/hostile_values.hpp"

namespace portsim::fuzz {

Row split_row(const std::string& line, char sep) {
  Row r;
  std::string cur;
  bool quoted = false, in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (sep == ',' && c == '"') {
      if (in_quotes && i + 1 < line.size() && line[i + 1] == '"') {
        cur += "\"\"";
        ++i;
      } else {
        in_quotes = !in_quotes;
        quoted = true;
      }
    } else if (c == sep && !in_quotes) {
      r.fields.push_back(cur);
      r.quoted.push_back(quoted);
      cur.clear();
      quoted = false;
    } else {
      cur += c;
    }
  }
  r.fields.push_back(cur);
  r.quoted.push_back(quoted);
  return r;
}

std::string join_row(const Row& row, char sep) {
  std::string s;
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    if (i) s += sep;
    const bool q = i < row.quoted.size() && row.quoted[i];
    s += q ? "\"" + row.fields[i] + "\"" : row.fields[i];
  }
  return s;
}

namespace {

char sep_of(RecordFormat f) { return f == RecordFormat::Csv ? ',' : ' '; }

/// Lines that hold data records (not the header, not blank).
std::vector<std::size_t> data_lines(const TextLines& t) {
  std::vector<std::size_t> v;
  for (std::size_t i = 1; i < t.lines.size(); ++i) {
    if (!t.lines[i].empty()) v.push_back(i);
  }
  return v;
}

std::string at(std::size_t line, std::size_t field) {
  return "line " + std::to_string(line + 1) + " field " + std::to_string(field + 1);
}

std::string shown(const std::string& v) {
  return v.size() > 40 ? "\"" + v.substr(0, 40) + "...\"" : "\"" + v + "\"";
}

std::string field_by_shape(TextLines& t, RecordFormat f, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t l = rng.pick(lines);
  Row r = split_row(t.lines[l], sep_of(f));
  std::size_t i = rng.below(r.fields.size());
  if (f == RecordFormat::Trace && i == 0) i = r.fields.size() > 1 ? 1 : 0;  // keep the record kind here
  const std::string old = r.fields[i];
  std::string v = hostile::value_for(shape_of(old), rng);
  if (f == RecordFormat::Trace && rng.percent(40)) {
    v = rng.pick(std::vector<std::string>{"7", "99", "-1", "-2", "16", "65535", "2147483647", "4294967295"});
  }
  r.fields[i] = v;
  t.lines[l] = join_row(r, sep_of(f));
  return at(l, i) + ": " + shown(old) + " -> " + shown(v);
}

std::string whole_column(TextLines& t, RecordFormat f, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t columns = split_row(t.lines[lines.front()], sep_of(f)).fields.size();
  const std::size_t i = rng.below(columns);
  const std::string v = rng.pick(std::vector<std::string>{"x", "", "-1", "0", "nan", "1e308", "2000000000", "23", "24"});
  for (const std::size_t l : lines) {
    Row r = split_row(t.lines[l], sep_of(f));
    if (i < r.fields.size()) r.fields[i] = v;
    t.lines[l] = join_row(r, sep_of(f));
  }
  return "column " + std::to_string(i + 1) + " of every row -> " + shown(v);
}

std::string duplicate_rows(TextLines& t, RecordFormat, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t l = rng.pick(lines);
  const std::size_t copies = rng.pick(std::vector<std::size_t>{1, 1, 2, 1000});
  const std::string row = t.lines[l];
  t.lines.insert(t.lines.begin() + static_cast<std::ptrdiff_t>(l), copies, row);
  return "line " + std::to_string(l + 1) + " repeated x" + std::to_string(copies);
}

std::string reorder_rows(TextLines& t, RecordFormat, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.size() < 2) return "";
  if (rng.percent(50)) {
    std::reverse(t.lines.begin() + 1, t.lines.end());
    return "rows in reverse order";
  }
  t.lines.resize(1);
  return "header only";
}

std::string header_names(TextLines& t, RecordFormat f, FuzzRng& rng) {
  if (t.lines.empty()) return "";
  Row h = split_row(t.lines[0], sep_of(f));
  const std::size_t i = rng.below(h.fields.size());
  const std::size_t j = rng.below(h.fields.size());
  std::string what;
  switch (rng.below(5)) {
    case 0:
      if (h.fields[i].empty()) return "";
      h.fields[i].erase(rng.below(h.fields[i].size()), 1);
      what = "header field " + std::to_string(i + 1) + " misspelt";
      break;
    case 1:
      std::swap(h.fields[i], h.fields[j]);
      what = "header fields " + std::to_string(i + 1) + " and " + std::to_string(j + 1) + " swapped";
      break;
    case 2:
      h.fields[i] = h.fields[j];
      what = "header field " + std::to_string(i + 1) + " repeats field " + std::to_string(j + 1);
      break;
    case 3:
      t.lines.erase(t.lines.begin());
      return "no header";
    default:
      std::transform(h.fields[i].begin(), h.fields[i].end(), h.fields[i].begin(),
                     [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
      what = "header field " + std::to_string(i + 1) + " in upper case";
      break;
  }
  t.lines[0] = join_row(h, sep_of(f));
  return what;
}

std::string columns(TextLines& t, RecordFormat f, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t n = split_row(t.lines[lines.front()], sep_of(f)).fields.size();
  const std::size_t i = rng.below(n), j = rng.below(n);
  const bool drop = rng.percent(50);
  for (const std::size_t l : lines) {
    Row r = split_row(t.lines[l], sep_of(f));
    if (drop && i < r.fields.size()) {
      r.fields.erase(r.fields.begin() + static_cast<std::ptrdiff_t>(i));
      r.quoted.erase(r.quoted.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (!drop && i < r.fields.size() && j < r.fields.size()) {
      std::swap(r.fields[i], r.fields[j]);
    }
    t.lines[l] = join_row(r, sep_of(f));
  }
  return drop ? "column " + std::to_string(i + 1) + " deleted from the rows"
              : "columns " + std::to_string(i + 1) + " and " + std::to_string(j + 1) + " swapped in the rows";
}

std::string row_shape(TextLines& t, RecordFormat f, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t l = rng.pick(lines);
  std::string& s = t.lines[l];
  const std::string where = "line " + std::to_string(l + 1);
  const char sep = sep_of(f);
  switch (rng.below(6)) {
    case 0: {
      const std::size_t cut = s.rfind(sep);
      if (cut == std::string::npos) return "";
      s.resize(cut);
      return where + ": last field removed";
    }
    case 1: s += std::string(1, sep) + "extra"; return where + ": extra field";
    case 2: s.insert(rng.below(s.size() + 1), "\""); return where + ": unbalanced quote";
    case 3: s.insert(rng.below(s.size() + 1), "\"a\nb\""); return where + ": quoted newline";
    case 4: s = std::string(rng.between(1, 30), sep); return where + ": only separators";
    default: s = std::string(rng.pick(std::vector<std::size_t>{1000, 100000, 2000000}), '9'); return where + ": one huge field";
  }
}

std::string trace_header(TextLines& t, RecordFormat, FuzzRng& rng) {
  // Format 2: "portsim-trace 2", "seed N", "interval_ms N", "scenario_file F" lines; format 1: all on line 1.
  static const std::vector<std::pair<std::string, std::vector<std::string>>> values{
      {"portsim-trace", {"0", "1", "3", "-1", "1e308", "x", "999999999999", "2 2"}},
      {"seed", {"-1", "18446744073709551616", "nan", "x", "", "1 1"}},
      {"interval_ms", {"0", "-1", "1", "9223372036854775807", "9223372036854775808", "nan", "1e308", "600000.5"}},
      {"scenario_file", {"a b.yaml", "/dev/zero", "nonexistent.yaml", "\"\"", "baseline.yaml", "otay-mesa.yaml", "."}}};
  std::vector<std::size_t> header;
  for (std::size_t i = 0; i < t.lines.size() && i < 8; ++i) {
    for (const auto& [name, v] : values) {
      if (t.lines[i].rfind(name + " ", 0) == 0) header.push_back(i);
    }
  }
  if (header.empty()) return "";
  const std::size_t l = rng.pick(header);
  Row r = split_row(t.lines[l], ' ');
  std::size_t field = 1;
  if (r.fields.size() >= 5) field = rng.between(1, 4);  // format 1: version, scenario, seed, interval
  static const std::vector<std::string> v1_names{"", "portsim-trace", "scenario_file", "seed", "interval_ms"};
  const std::string& name = r.fields.size() >= 5 ? v1_names[field] : r.fields[0];
  for (const auto& [n, v] : values) {
    if (n != name || field >= r.fields.size()) continue;
    const std::string old = r.fields[field];
    r.fields[field] = rng.pick(v);
    t.lines[l] = join_row(r, ' ');
    return "trace header " + name + ": " + shown(old) + " -> " + shown(r.fields[field]);
  }
  return "";
}

std::string trace_records(TextLines& t, RecordFormat, FuzzRng& rng) {
  const auto lines = data_lines(t);
  if (lines.empty()) return "";
  const std::size_t l = rng.pick(lines);
  std::string& s = t.lines[l];
  const std::string where = "line " + std::to_string(l + 1);
  switch (rng.below(4)) {
    case 0: {
      const char old = s[0];
      s[0] = rng.pick(std::vector<char>{'X', 'F', 'T', 'L', 'Q', ' ', '#'});
      return where + ": record kind " + std::string(1, old) + " -> " + std::string(1, s[0]);
    }
    case 1: {
      std::vector<std::size_t> frames;
      for (const std::size_t i : lines) {
        if (t.lines[i].rfind("F ", 0) == 0) frames.push_back(i);
      }
      if (frames.empty()) return "";
      const std::size_t fl = rng.pick(frames);
      Row r = split_row(t.lines[fl], ' ');
      r.fields[1] = rng.pick(std::vector<std::string>{"0", "-30000", "1", "9223372036854775807"});
      t.lines[fl] = join_row(r, ' ');
      return "line " + std::to_string(fl + 1) + ": frame time -> " + r.fields[1];
    }
    case 2:
      s = "T " + rng.pick(std::vector<std::string>{"1 9 0 -1 0 0.5 -1", "1 0 7 0 0 0.5 -1", "1 0 0 99 0 0.5 -1",
                                                  "1 0 0 -1 99 0.5 -1", "1 0 0 -1 0 nan -1", "1 0 0 -1 0 0.5 99",
                                                  "4294967296 0 0 -1 0 0.5 -1"});
      return where + ": record -> " + shown(s);
    default:
      s = "L " + rng.pick(std::vector<std::string>{"7 0 1 0 0 0", "0 99 1 0 0 0", "-1 0 1 0 0 0", "0 0 1 0 0 -5",
                                                  "0 0 2 2 2 2147483648"});
      return where + ": record -> " + shown(s);
  }
}

}  // namespace

const std::vector<RecordOp>& record_ops(RecordFormat format) {
  static const std::vector<RecordOp> csv{field_by_shape, field_by_shape, whole_column, duplicate_rows,
                                         reorder_rows,   header_names,   columns,      row_shape};
  static const std::vector<RecordOp> trace{field_by_shape, field_by_shape, duplicate_rows, reorder_rows,
                                           row_shape,      trace_header,   trace_header,   trace_records,
                                           trace_records};
  return format == RecordFormat::Csv ? csv : trace;
}

}  // namespace portsim::fuzz
