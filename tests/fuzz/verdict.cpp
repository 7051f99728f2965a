#include "tests/fuzz/verdict.hpp"

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace portsim::fuzz {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Exit0: return "exit 0";
    case Outcome::Exit2Located: return "exit 2 located";
    case Outcome::Signal: return "signal";
    case Outcome::Timeout: return "timeout";
    case Outcome::Sanitizer: return "sanitizer";
    case Outcome::OtherExit: return "other exit";
    case Outcome::Exit2Unlocated: return "exit 2 unlocated";
    case Outcome::SeedFails: return "seed fails";
    case Outcome::HarnessError: return "harness error";
  }
  return "?";
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    v.push_back(line);
  }
  return v;
}

std::string signal_name(int s) {
  switch (s) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGXFSZ: return "SIGXFSZ (file size limit)";
    case SIGXCPU: return "SIGXCPU";
    case SIGTERM: return "SIGTERM";
    case SIGPIPE: return "SIGPIPE";
    default: return "signal " + std::to_string(s);
  }
}

/// The source file of a frame or report, from the project's top folders on ("sim/io/x.cpp").
std::string project_file(const std::string& path) {
  static const char* const tops[] = {"/sim/", "/calibration/", "/viz/", "/tests/"};
  for (const char* top : tops) {
    const std::size_t at = path.rfind(top);
    if (at != std::string::npos) return path.substr(at + 1);
  }
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// "in f(args) /path/sim/io/x.cpp:77" of the first stack frame in the project's sources.
std::string first_project_frame(const std::vector<std::string>& lines, std::size_t from) {
  static const std::regex frame(R"(#[0-9]+ 0x[0-9a-f]+ in (.+) (/\S+):([0-9]+))");
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::smatch m;
    const std::string line = lines[i].substr(0, 400);
    if (!std::regex_search(line, m, frame)) continue;
    const std::string file = m[2].str();
    if (file.find("/usr/") == 0) continue;
    if (file.find("/sim/") == std::string::npos && file.find("/calibration/") == std::string::npos &&
        file.find("/viz/") == std::string::npos) {
      continue;
    }
    std::string fn = m[1].str();
    fn = fn.substr(0, fn.find('('));
    return " in " + fn + " " + project_file(file) + ":" + m[3].str();
  }
  return "";
}

std::string sanitizer_signature(const std::vector<std::string>& lines) {
  static const std::regex ubsan(R"((\S+):([0-9]+):[0-9]+: runtime error: (.*))");
  static const std::regex hex("0x[0-9a-fA-F]+");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    const std::string line = lines[i].substr(0, 400);  // std::regex recurses per character
    if (std::regex_search(line, m, ubsan)) {
      return "ubsan: " + project_file(m[1].str()) + ":" + m[2].str() + ": " + normalize(m[3].str());
    }
    const std::size_t at = line.find("Sanitizer: ");
    if (at != std::string::npos && line.find("ERROR: ") != std::string::npos) {
      std::string what = line.substr(at + 11);
      what = std::regex_replace(what, hex, "X");
      for (const char* cut : {" on address", " on unknown address", " (pc ", " at pc "}) {
        const std::size_t c = what.find(cut);
        if (c != std::string::npos) what.resize(c);
      }
      const std::string tool = line.find("LeakSanitizer") != std::string::npos ? "lsan: " : "asan: ";
      return tool + normalize(what) + first_project_frame(lines, i + 1);
    }
  }
  return "";
}

bool has_sanitizer_report(const std::string& text) {
  return text.find("runtime error:") != std::string::npos || text.find("ERROR: AddressSanitizer") != std::string::npos ||
         text.find("ERROR: LeakSanitizer") != std::string::npos ||
         text.find("AddressSanitizer:DEADLYSIGNAL") != std::string::npos;
}

/// The index of the first line that reports an error, else of the first non-empty line.
std::size_t error_index(const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.find("error") != std::string::npos || l.find("what():") != std::string::npos ||
        l.find("Assertion") != std::string::npos) {
      return i;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") != std::string::npos) return i;
  }
  return lines.size();
}

std::string error_line(const std::vector<std::string>& lines) {
  const std::size_t i = error_index(lines);
  return i < lines.size() ? lines[i] : "(no output)";
}

bool starts_with_flag(const std::string& line, const std::vector<std::string>& argv) {
  for (const auto& a : argv) {
    if (a.size() > 2 && a.rfind("--", 0) == 0 && line.rfind(a, 0) == 0) return true;
  }
  return false;
}

bool located(const std::string& full_line, const std::vector<std::string>& argv, LocationStyle style) {
  static const std::regex line_col(R"(\S:[1-9][0-9]*:[1-9][0-9]*: error: )");
  static const std::regex line_only(R"(\S:[1-9][0-9]*(:[1-9][0-9]*)?: error: )");
  if (starts_with_flag(full_line, argv) && full_line.find(": error: ") != std::string::npos) return true;
  const std::string line = full_line.substr(0, 400);  // std::regex recurses per character
  if (std::regex_search(line, style == LocationStyle::LineColumn ? line_col : line_only)) return true;
  // "error: --reps: ..." names a flag (also one left at its default); elsewhere only a flag of the command counts.
  static const std::regex named(R"(error: --[a-z][a-z0-9-]*[:=])");
  if (std::regex_search(line, named)) return true;
  if (line.find("error") == std::string::npos) return false;
  static const std::regex flag(R"(--[a-z][a-z0-9-]*)");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), flag); it != std::sregex_iterator(); ++it) {
    for (const auto& a : argv) {
      if (a == it->str()) return true;
    }
  }
  return false;
}

}  // namespace

std::string normalize(const std::string& text) {
  const std::string line = text.substr(0, 400);
  static const std::regex quoted(R"("[^"]*"|'[^']*')");
  static const std::regex parenthesised(R"(\([^()]+\))");
  static const std::regex file(R"([^\s:"']+\.(yaml|csv|trace|json|png|tmp))");
  static const std::regex digits("[0-9]+");
  static const std::regex spaces(R"(\s+)");
  std::string s = std::regex_replace(line, quoted, "Q");
  s = std::regex_replace(s, parenthesised, "(P)");  // lists of what the file has, counts: details, not causes
  s = std::regex_replace(s, file, "FILE");
  s = std::regex_replace(s, digits, "N");
  s = std::regex_replace(s, spaces, " ");
  const std::size_t b = s.find_first_not_of(' ');
  s = b == std::string::npos ? "" : s.substr(b);
  if (s.size() > 150) s.resize(150);
  return s;
}

namespace {

Verdict verdict(Outcome o, std::string signature) {
  Verdict v;
  v.outcome = o;
  v.signature = std::move(signature);
  return v;
}

Verdict verdict_of(const StepResult& r, const std::vector<std::string>& argv, LocationStyle style) {
  const std::vector<std::string> lines = lines_of(r.stderr_head);
  if (r.exec_failed) return verdict(Outcome::HarnessError, "harness: cannot run " + (argv.empty() ? "" : argv[0]));
  if (has_sanitizer_report(r.stderr_head)) {
    const std::string s = sanitizer_signature(lines);
    return verdict(Outcome::Sanitizer, s.empty() ? "sanitizer: " + normalize(error_line(lines)) : s);
  }
  if (r.timed_out) return verdict(Outcome::Timeout, "timeout");
  if (r.signal != 0) {
    std::string detail;
    for (const auto& l : lines) {
      if (l.find("what():") != std::string::npos || l.find("Assertion") != std::string::npos ||
          l.find("terminate called") != std::string::npos) {
        detail = ": " + normalize(l);
        if (l.find("terminate called") == std::string::npos) break;
      }
    }
    return verdict(Outcome::Signal, signal_name(r.signal) + detail);
  }
  if (r.exit_code == 0) return verdict(Outcome::Exit0, "");
  const std::string line = error_line(lines);
  if (r.exit_code == 2) {
    if (located(line, argv, style)) return verdict(Outcome::Exit2Located, "");
    // A flag's value with newlines is echoed over several lines: "--set k=a\nb: error: ...".
    const std::size_t k = error_index(lines);
    for (std::size_t j = k; j-- > 0 && j + 10 > k;) {
      if (starts_with_flag(lines[j], argv)) return verdict(Outcome::Exit2Located, "");
    }
    return verdict(Outcome::Exit2Unlocated, "exit 2 without location: " + normalize(line));
  }
  return verdict(Outcome::OtherExit, "exit " + std::to_string(r.exit_code) + ": " + normalize(line));
}

}  // namespace

Verdict classify(const StepResult& r, const std::vector<std::string>& argv, LocationStyle style) {
  Verdict v = verdict_of(r, argv, style);
  v.message = normalize(error_line(lines_of(r.stderr_head)));
  return v;
}

KnownOpen KnownOpen::load(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the allow-list " + file);
  KnownOpen k;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const std::size_t bar = line.find(" | ");
    if (bar == std::string::npos) {
      throw std::runtime_error(file + ":" + std::to_string(n) + ": expected \"<kind or *> | <signature text>\"");
    }
    std::string kind = line.substr(first, bar - first);
    while (!kind.empty() && kind.back() == ' ') kind.pop_back();
    k.entries_.push_back(Entry{kind, line.substr(bar + 3)});
  }
  return k;
}

bool KnownOpen::covers(const std::string& kind, const std::string& signature) const {
  for (const auto& e : entries_) {
    if ((e.kind == "*" || e.kind == kind) && signature.find(e.text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace portsim::fuzz
