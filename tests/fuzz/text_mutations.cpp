#include "tests/fuzz/text_mutations.hpp"

#include <algorithm>
#include <iterator>

namespace portsim::fuzz {

TextLines split_lines(const std::string& text) {
  TextLines t;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      t.lines.push_back(text.substr(start));
      t.final_newline = false;
      return t;
    }
    t.lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return t;
}

std::string join_lines(const TextLines& t) {
  std::string s;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    s += t.lines[i];
    if (i + 1 < t.lines.size() || t.final_newline) s += '\n';
  }
  return s;
}

std::vector<std::pair<std::size_t, std::size_t>> number_tokens(const std::string& s, std::size_t end) {
  const auto digit = [&](std::size_t i) { return i < end && s[i] >= '0' && s[i] <= '9'; };
  const auto word = [&](std::size_t i) {
    const char c = s[i];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  };
  std::vector<std::pair<std::size_t, std::size_t>> v;
  end = std::min(end, s.size());
  std::size_t i = 0;
  while (i < end) {
    std::size_t b = i;
    if ((s[i] == '-' || s[i] == '+') && digit(i + 1)) ++i;
    if (!digit(i) || (b > 0 && word(b - 1))) {
      i = b + 1;
      while (i < end && digit(i)) ++i;  // the rest of a number inside a word
      continue;
    }
    while (digit(i)) ++i;
    if (i < end && s[i] == '.' && digit(i + 1)) {
      ++i;
      while (digit(i)) ++i;
    }
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < end && (s[j] == '-' || s[j] == '+')) ++j;
      if (digit(j)) {
        i = j;
        while (digit(i)) ++i;
      }
    }
    v.emplace_back(b, i - b);
  }
  return v;
}

namespace {

std::string line_no(std::size_t i) { return "line " + std::to_string(i + 1); }

}  // namespace

std::string delete_lines(std::string& text, FuzzRng& rng) {
  TextLines t = split_lines(text);
  if (t.lines.size() < 2) return "";
  const std::size_t first = rng.below(t.lines.size());
  const std::size_t count = rng.percent(80) ? 1 : rng.between(2, std::min<std::size_t>(8, t.lines.size() - first + 1));
  const std::size_t last = std::min(first + count, t.lines.size());
  t.lines.erase(t.lines.begin() + static_cast<std::ptrdiff_t>(first), t.lines.begin() + static_cast<std::ptrdiff_t>(last));
  text = join_lines(t);
  return "delete " + line_no(first) + (last - first > 1 ? " and " + std::to_string(last - first - 1) + " more" : "");
}

std::string duplicate_line(std::string& text, FuzzRng& rng) {
  TextLines t = split_lines(text);
  if (t.lines.empty()) return "";
  const std::size_t i = rng.below(t.lines.size());
  std::size_t copies = rng.percent(85) ? 1 : rng.pick(std::vector<std::size_t>{2, 10, 1000, 50000});
  if (t.lines[i].size() > 200) copies = std::min<std::size_t>(copies, 1000);
  const std::string line = t.lines[i];
  t.lines.insert(t.lines.begin() + static_cast<std::ptrdiff_t>(i), copies, line);
  text = join_lines(t);
  return "duplicate " + line_no(i) + " x" + std::to_string(copies);
}

std::string swap_lines(std::string& text, FuzzRng& rng) {
  TextLines t = split_lines(text);
  if (t.lines.size() < 2) return "";
  const std::size_t a = rng.below(t.lines.size());
  std::size_t b = rng.below(t.lines.size());
  if (a == b) b = (a + 1) % t.lines.size();
  std::swap(t.lines[a], t.lines[b]);
  text = join_lines(t);
  return "swap " + line_no(a) + " and " + line_no(b);
}

std::string repeat_block(std::string& text, FuzzRng& rng) {
  TextLines t = split_lines(text);
  if (t.lines.size() < 2) return "";
  const std::size_t first = rng.below(t.lines.size());
  const std::size_t last = std::min(t.lines.size(), first + rng.between(2, 12));
  const std::size_t times = rng.pick(std::vector<std::size_t>{2, 3, 100, 2000});
  const std::vector<std::string> block(t.lines.begin() + static_cast<std::ptrdiff_t>(first),
                                       t.lines.begin() + static_cast<std::ptrdiff_t>(last));
  std::vector<std::string> grown;
  for (std::size_t k = 0; k < times; ++k) grown.insert(grown.end(), block.begin(), block.end());
  t.lines.insert(t.lines.begin() + static_cast<std::ptrdiff_t>(last), grown.begin(), grown.end());
  text = join_lines(t);
  return "repeat lines " + std::to_string(first + 1) + "-" + std::to_string(last) + " x" + std::to_string(times);
}

std::string truncate_text(std::string& text, FuzzRng& rng) {
  if (text.size() < 2) return "";
  const std::size_t at = rng.below(text.size());
  text.resize(at);
  return "truncate at byte " + std::to_string(at);
}

std::string insert_bytes(std::string& text, FuzzRng& rng) {
  static const std::vector<std::string> bytes{std::string(1, '\0'), "\xff", "\xc3", "\xef\xbb\xbf", "\r", "\t",
                                              "\x1b[2J", "\\", "\"", "'", ":", "#", "\x7f", "\xed\xa0\x80"};
  const std::size_t at = rng.below(text.size() + 1);
  const std::string b = rng.pick(bytes);
  text.insert(at, b);
  std::string shown;
  for (const char c : b) shown += std::to_string(static_cast<unsigned char>(c)) + " ";
  return "insert bytes " + shown + "at " + std::to_string(at);
}

std::string line_endings(std::string& text, FuzzRng& rng) {
  switch (rng.below(4)) {
    case 0: {
      std::string out;
      for (const char c : text) {
        if (c == '\n') out += '\r';
        out += c;
      }
      text = out;
      return "CRLF line endings";
    }
    case 1:
      std::replace(text.begin(), text.end(), '\n', '\r');
      return "CR line endings";
    case 2:
      text.insert(0, "\xef\xbb\xbf");
      return "byte-order mark";
    default:
      if (text.empty() || text.back() != '\n') return "";
      text.pop_back();
      return "no final newline";
  }
}

std::string empty_text(std::string& text, FuzzRng& rng) {
  if (!rng.percent(30)) return "";  // rare: one empty file says all there is to say
  const bool blank = rng.percent(50);
  text = blank ? "\n\n" : "";
  return blank ? "only blank lines" : "empty file";
}

const std::vector<TextOp>& generic_ops() {
  static const std::vector<TextOp> ops{delete_lines, duplicate_line, swap_lines, repeat_block,
                                       truncate_text, insert_bytes, line_endings, empty_text};
  return ops;
}

}  // namespace portsim::fuzz
