#include "tests/fuzz/yaml_mutations.hpp"

#include <cctype>
#include <regex>

#include "tests/fuzz/hostile_values.hpp"

namespace portsim::fuzz {

namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// End of a line's content from `from`: before a comment (a '#' after a space, outside quotes)
/// and trailing spaces.
std::size_t content_end(const std::string& s, std::size_t from) {
  char quote = 0;
  std::size_t end = s.size();
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"') {
      quote = c;
    } else if (c == '#' && (i == from || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      end = i;
      break;
    }
  }
  while (end > from && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r')) --end;
  return end;
}

void scan_flow_map(const std::string& s, std::size_t open, std::size_t line, std::size_t indent,
                   std::vector<YamlSlot>& out, int depth_left = 32) {  // mutants nest maps 200,000 deep
  std::size_t i = open + 1;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t kb = i;
    while (i < s.size() && is_word(s[i])) ++i;
    const std::size_t ke = i;
    if (ke == kb || i >= s.size() || s[i] != ':') return;  // not a plain pair: stop here
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t vb = i;
    int depth = 0;
    char quote = 0;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{' || c == '(') {
        ++depth;
      } else if (c == ']' || c == '}' || c == ')') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    std::size_t ve = i;
    while (ve > vb && s[ve - 1] == ' ') --ve;
    out.push_back(YamlSlot{line, kb, ke, vb, ve, indent, true});
    if (vb < ve && s[vb] == '{' && depth_left > 0) scan_flow_map(s, vb, line, indent, out, depth_left - 1);
    if (i < s.size() && s[i] == ',') {
      ++i;
    } else {
      return;
    }
  }
}

std::string shown(const std::string& v) {
  std::string s;
  for (const char c : v.substr(0, 48)) {
    const auto u = static_cast<unsigned char>(c);
    s += (u < 32 || u >= 127) ? "\\x" + std::to_string(u) : std::string(1, c);
  }
  return v.size() > 48 ? "\"" + s + "...\" (" + std::to_string(v.size()) + " bytes)" : "\"" + s + "\"";
}

std::string key_text(const TextLines& t, const YamlSlot& s) {
  return t.lines[s.line].substr(s.key_begin, s.key_end - s.key_begin);
}

std::string value_text(const TextLines& t, const YamlSlot& s) {
  return t.lines[s.line].substr(s.value_begin, s.value_end - s.value_begin);
}

std::string where(const TextLines& t, const YamlSlot& s) {
  return "line " + std::to_string(s.line + 1) + " " + key_text(t, s);
}

std::vector<YamlSlot> with_values(const std::vector<YamlSlot>& all) {
  std::vector<YamlSlot> v;
  for (const auto& s : all) {
    if (s.value_end > s.value_begin) v.push_back(s);
  }
  return v;
}

void set_value(TextLines& t, const YamlSlot& s, const std::string& v) {
  t.lines[s.line].replace(s.value_begin, s.value_end - s.value_begin, v);
}

std::string replace_value(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto slots = with_values(find_slots(t));
  if (slots.empty()) return "";
  const YamlSlot& s = rng.pick(slots);
  const std::string old = value_text(t, s);
  std::string v = hostile::value_for(shape_of(old), rng);
  const bool quoted = old.size() >= 2 && old.front() == '"' && old.back() == '"';
  if (quoted && v.find_first_of("\"\n") == std::string::npos && rng.percent(80)) v = "\"" + v + "\"";
  set_value(t, s, v);
  return where(t, s) + ": " + shown(old) + " -> " + shown(v);
}

std::string replace_number(TextLines& t, const YamlContext&, FuzzRng& rng) {
  struct Hit {
    std::size_t line, pos, len;
  };
  std::vector<Hit> hits;
  for (std::size_t l = 0; l < t.lines.size(); ++l) {
    const std::string& s = t.lines[l];
    for (const auto& [pos, len] : number_tokens(s, content_end(s, 0))) hits.push_back(Hit{l, pos, len});
  }
  if (hits.empty()) return "";
  const Hit& h = rng.pick(hits);
  const std::string old = t.lines[h.line].substr(h.pos, h.len);
  const std::string v = rng.pick(hostile::numbers());
  t.lines[h.line].replace(h.pos, h.len, v);
  return "line " + std::to_string(h.line + 1) + " number " + old + " -> " + shown(v);
}

std::string swap_keys(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto slots = find_slots(t);
  if (slots.size() < 2) return "";
  YamlSlot a = rng.pick(slots);
  YamlSlot b = rng.pick(slots);
  if (a.line == b.line && a.key_begin == b.key_begin) return "";
  if (b.line < a.line || (b.line == a.line && b.key_begin < a.key_begin)) std::swap(a, b);
  const std::string ka = key_text(t, a), kb = key_text(t, b);
  if (ka == kb) return "";
  t.lines[b.line].replace(b.key_begin, b.key_end - b.key_begin, ka);  // the later one first: offsets stay valid
  t.lines[a.line].replace(a.key_begin, a.key_end - a.key_begin, kb);
  return "swap keys " + ka + " (line " + std::to_string(a.line + 1) + ") and " + kb + " (line " +
         std::to_string(b.line + 1) + ")";
}

std::string misspell_key(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto slots = find_slots(t);
  if (slots.empty()) return "";
  const YamlSlot& s = rng.pick(slots);
  const std::string old = key_text(t, s);
  std::string k = old;
  const std::size_t i = rng.below(k.size());
  switch (rng.below(5)) {
    case 0: k.erase(i, 1); break;
    case 1: k.insert(i, 1, k[i]); break;
    case 2: k[i] = static_cast<char>('a' + rng.below(26)); break;
    case 3: if (i + 1 < k.size()) std::swap(k[i], k[i + 1]); break;
    default: k[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[i]))); break;
  }
  if (k == old || k.empty()) k = old + "s";
  t.lines[s.line].replace(s.key_begin, s.key_end - s.key_begin, k);
  return where(t, s) + ": key " + old + " -> " + shown(k);
}

std::string duplicate_key(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto slots = find_slots(t);
  if (slots.empty()) return "";
  const YamlSlot& s = rng.pick(slots);
  const std::string pair = key_text(t, s) + ": " + value_text(t, s);
  if (s.in_flow) {
    t.lines[s.line].insert(s.value_end, ", " + pair);
  } else {
    std::string copy = std::string(s.indent, ' ') + pair;
    t.lines.insert(t.lines.begin() + static_cast<std::ptrdiff_t>(s.line + 1), copy);
  }
  return "duplicate key " + where(t, s);
}

/// The first slot after `parent` inside its block (more indented), with a value; npos if none.
std::size_t child_of(const std::vector<YamlSlot>& slots, std::size_t parent) {
  for (std::size_t i = parent + 1; i < slots.size(); ++i) {
    if (slots[i].indent <= slots[parent].indent && !slots[i].in_flow && slots[i].line != slots[parent].line) break;
    if (slots[i].value_end > slots[i].value_begin) return i;
  }
  return std::string::npos;
}

std::string alias_anchor(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto all = find_slots(t);
  const auto slots = with_values(all);
  if (slots.size() < 2) return "";
  switch (rng.below(5)) {
    case 0: {  // a value anchored, another replaced by its alias (often of the wrong type)
      YamlSlot a = rng.pick(slots), b = rng.pick(slots);
      if (b.line < a.line || (b.line == a.line && b.value_begin < a.value_begin)) std::swap(a, b);
      if (a.line == b.line && a.value_begin == b.value_begin) return "";
      const std::string what = "anchor " + where(t, a) + ", alias at " + where(t, b);
      set_value(t, b, "*fz");
      t.lines[a.line].insert(a.value_begin, "&fz ");
      return what;
    }
    case 1: {
      const YamlSlot& s = rng.pick(slots);
      const std::string v = rng.percent(50) ? "&fz [*fz]" : "&fz {k: *fz}";
      set_value(t, s, v);
      return where(t, s) + ": recursive alias " + v;
    }
    case 2: {
      const YamlSlot& s = rng.pick(slots);
      set_value(t, s, "*undefined_anchor");
      return where(t, s) + ": undefined alias";
    }
    default: {  // a map anchored, and one of its own children (recursion) or a later key aliasing it
      std::vector<std::size_t> parents;
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].value_end == all[i].value_begin && !all[i].in_flow) parents.push_back(i);
      }
      if (parents.empty()) return "";
      const std::size_t p = rng.pick(parents);
      const bool recursive = rng.percent(60);
      const std::size_t c = recursive ? child_of(all, p) : rng.below(all.size());
      if (c == std::string::npos || c <= p || all[c].value_end == all[c].value_begin) return "";
      const std::string what = "anchor the block of " + where(t, all[p]) + ", alias at " + where(t, all[c]) +
                               (recursive ? " (inside it: recursive)" : "");
      set_value(t, all[c], rng.percent(70) ? "*fz" : "[*fz, *fz]");
      t.lines[all[p].line].insert(all[p].value_begin, " &fz");
      return what;
    }
  }
}

std::string deep_nesting(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const auto slots = with_values(find_slots(t));
  if (slots.empty()) return "";
  const YamlSlot& s = rng.pick(slots);
  const std::size_t depth = rng.pick(std::vector<std::size_t>{50, 500, 5000, 50000, 200000});
  const bool map = rng.percent(40);
  set_value(t, s, hostile::deep_nesting(depth, map));
  return where(t, s) + ": nested " + std::to_string(depth) + (map ? " maps" : " sequences");
}

std::string non_scalar_key(TextLines& t, const YamlContext&, FuzzRng& rng) {
  std::vector<YamlSlot> block;
  for (const auto& s : find_slots(t)) {
    if (!s.in_flow) block.push_back(s);
  }
  if (block.empty()) return "";
  const YamlSlot& s = rng.pick(block);
  const std::string ind(s.indent, ' ');
  static const std::vector<std::string> keys{"[a, b]: 1", "{k: v}: 1", "? [x, y]\n@: 1", "? {a: 1}\n@: 2",
                                             "*undefined_key : 1", "&k extra: 1", "null: 1", "~: 1", "1: 1",
                                             "\"\": 1", "? |\n@  block\n@: 1", "[[[]]]: [[[]]]", "? - a\n@  - b\n@: 1"};
  std::string k = rng.pick(keys);
  for (std::size_t at = k.find('@'); at != std::string::npos; at = k.find('@', at)) k.replace(at, 1, ind);
  t.lines.insert(t.lines.begin() + static_cast<std::ptrdiff_t>(s.line + 1), ind + k);
  return "non-scalar key after " + where(t, s) + ": " + shown(k);
}

std::string billion_laughs(TextLines& t, const YamlContext&, FuzzRng& rng) {
  const std::size_t levels = rng.pick(std::vector<std::size_t>{3, 5, 7, 8, 9});
  const std::size_t fanout = rng.pick(std::vector<std::size_t>{9, 10});
  const auto slots = with_values(find_slots(t));
  std::string what = std::to_string(levels) + " levels x " + std::to_string(fanout);
  if (!slots.empty()) {
    const YamlSlot& s = rng.pick(slots);
    set_value(t, s, "*l" + std::to_string(levels - 1));
    what += ", used at " + where(t, s);
  }
  const TextLines laughs = split_lines(hostile::billion_laughs(levels, fanout));
  t.lines.insert(t.lines.begin(), laughs.lines.begin(), laughs.lines.end());
  return "billion laughs " + what;
}

std::string extends_attack(TextLines& t, const YamlContext& context, FuzzRng& rng) {
  std::vector<std::string> targets = hostile::paths();
  targets.push_back(context.self_name);
  targets.push_back("./" + context.self_name);
  const std::string target = rng.pick(targets);
  for (auto& line : t.lines) {
    if (line.rfind("extends:", 0) == 0) {
      line = "extends: " + target;
      return "extends -> " + shown(target);
    }
    if (line.rfind("base:", 0) == 0) {  // a batch file's base scenario
      line = "base: " + target;
      return "base -> " + shown(target);
    }
  }
  t.lines.insert(t.lines.begin(), "extends: " + target);
  return "add extends: " + shown(target);
}

std::string indentation(TextLines& t, const YamlContext&, FuzzRng& rng) {
  std::vector<std::size_t> lines;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    if (t.lines[i].find_first_not_of(' ') != std::string::npos) lines.push_back(i);
  }
  if (lines.empty()) return "";
  const std::size_t l = rng.pick(lines);
  std::string& s = t.lines[l];
  switch (rng.below(4)) {
    case 0: s.insert(0, 1, ' '); return "line " + std::to_string(l + 1) + ": indent +1";
    case 1: s.insert(0, "\t"); return "line " + std::to_string(l + 1) + ": tab indent";
    case 2:
      if (s.empty() || s[0] != ' ') return "";
      s.erase(0, 1);
      return "line " + std::to_string(l + 1) + ": indent -1";
    default: s.erase(0, s.find_first_not_of(' ')); return "line " + std::to_string(l + 1) + ": no indent";
  }
}

std::vector<std::string> flow_items(const std::string& seq) {
  std::vector<std::string> items;
  int depth = 0;
  std::string cur;
  for (std::size_t i = 1; i + 1 < seq.size(); ++i) {
    const char c = seq[i];
    if (c == '[' || c == '{' || c == '(') ++depth;
    if (c == ']' || c == '}' || c == ')') --depth;
    if (c == ',' && depth == 0) {
      items.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (cur.find_first_not_of(' ') != std::string::npos) items.push_back(cur);
  return items;
}

std::string grow_sequence(TextLines& t, const YamlContext&, FuzzRng& rng) {
  std::vector<YamlSlot> seqs;
  for (const auto& s : with_values(find_slots(t))) {
    const std::string v = value_text(t, s);
    if (v.front() == '[' && v.back() == ']') seqs.push_back(s);
  }
  if (seqs.empty()) return "";
  const YamlSlot& s = rng.pick(seqs);
  const auto items = flow_items(value_text(t, s));
  const std::size_t times = rng.pick(std::vector<std::size_t>{0, 2, 100, 10000});
  std::string v = "[";
  for (std::size_t k = 0; k < times; ++k) {
    for (const auto& item : items) v += (v.size() > 1 ? "," : "") + item;
  }
  v += "]";
  if (rng.percent(30) && !items.empty()) v = "[" + items.front() + "]";
  set_value(t, s, v);
  return where(t, s) + ": sequence of " + std::to_string(flow_items(v).size()) + " items";
}

std::string uniform_sequence(TextLines& t, const YamlContext&, FuzzRng& rng) {
  std::vector<YamlSlot> seqs;
  for (const auto& s : with_values(find_slots(t))) {
    const std::string v = value_text(t, s);
    if (v.front() == '[' && !number_tokens(v, v.size()).empty()) seqs.push_back(s);
  }
  if (seqs.empty()) return "";
  const YamlSlot& s = rng.pick(seqs);
  const std::string x = rng.pick(std::vector<std::string>{"0", "0.0", "-1", "1e308", "nan", "inf", "1e-320"});
  std::string v = value_text(t, s);
  const auto numbers = number_tokens(v, v.size());
  for (auto it = numbers.rbegin(); it != numbers.rend(); ++it) v.replace(it->first, it->second, x);
  set_value(t, s, v);
  return where(t, s) + ": every number -> " + x;
}

std::string delete_flow_pair(TextLines& t, const YamlContext&, FuzzRng& rng) {
  std::vector<YamlSlot> flow;
  for (const auto& s : find_slots(t)) {
    if (s.in_flow) flow.push_back(s);
  }
  if (flow.empty()) return "";
  const YamlSlot& s = rng.pick(flow);
  std::string& line = t.lines[s.line];
  std::size_t b = s.key_begin, e = s.value_end;
  if (e < line.size() && line[e] == ',') {
    e = line.find_first_not_of(' ', e + 1);
    if (e == std::string::npos) e = line.size();
  } else {
    while (b > 0 && (line[b - 1] == ' ' || line[b - 1] == ',')) --b;
  }
  const std::string what = where(t, s);
  line.erase(b, e - b);
  return "delete " + what;
}

std::string document_shape(TextLines& t, const YamlContext&, FuzzRng& rng) {
  static const std::vector<std::string> whole{"42", "- a\n- b", "[]", "\"text\"", "---", "--- !!str", "# only a comment",
                                              "...", "~", "!!binary AAAA", "? a", "&a *a", "- - - -"};
  switch (rng.below(4)) {
    case 0: {
      const std::vector<std::string> copy = t.lines;
      t.lines.push_back("---");
      t.lines.insert(t.lines.end(), copy.begin(), copy.end());
      return "two documents";
    }
    case 1: {
      const std::string d = rng.pick(std::vector<std::string>{"%YAML 1.3", "%YAML 1.1", "%TAG ! tag:x,2000:", "%FOO"});
      t.lines.insert(t.lines.begin(), {d, "---"});
      return "directive " + d;
    }
    case 2: {
      const std::string w = rng.pick(whole);
      t = split_lines(w + "\n");
      return "document " + shown(w);
    }
    default:
      for (auto& line : t.lines) line.insert(0, "  ");
      t.lines.insert(t.lines.begin(), "root:");
      return "everything under a new key";
  }
}

}  // namespace

std::vector<YamlSlot> find_slots(const TextLines& t) {
  static const std::regex block_key(R"(([A-Za-z_][A-Za-z0-9_.-]*|"[^"]*")[ \t]*:([ \t]|$))");
  std::vector<YamlSlot> out;
  for (std::size_t l = 0; l < t.lines.size(); ++l) {
    const std::string& s = t.lines[l];
    std::size_t i = s.find_first_not_of(' ');
    if (i == std::string::npos || s[i] == '#') continue;
    while (s.compare(i, 2, "- ") == 0) {
      i += 2;
      while (i < s.size() && s[i] == ' ') ++i;
    }
    if (i >= s.size()) continue;
    if (s[i] == '{') {
      scan_flow_map(s, i, l, i, out);
      continue;
    }
    const std::size_t end = content_end(s, i);
    std::smatch m;
    const std::string content = s.substr(i, std::min<std::size_t>(end - i, 200));  // a key is short; regex recursion is not
    if (!std::regex_search(content, m, block_key, std::regex_constants::match_continuous)) continue;
    const std::size_t ke = i + static_cast<std::size_t>(m.length(1));
    std::size_t vb = i + static_cast<std::size_t>(m.length(0));
    while (vb < end && s[vb] == ' ') ++vb;
    if (vb > end) vb = end;
    out.push_back(YamlSlot{l, i, ke, vb, end, i, false});
    if (vb < end && s[vb] == '{') scan_flow_map(s, vb, l, i, out);
  }
  return out;
}

const std::vector<YamlOp>& yaml_ops() {
  static const std::vector<YamlOp> ops{replace_value,  replace_number,  swap_keys,      misspell_key,
                                       duplicate_key,  alias_anchor,    deep_nesting,   non_scalar_key,
                                       billion_laughs, extends_attack,  indentation,    grow_sequence,
                                       uniform_sequence, delete_flow_pair, document_shape};
  return ops;
}

}  // namespace portsim::fuzz
