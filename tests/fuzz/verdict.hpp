// The fuzz harness's verdict on one command: exit 0, or exit 2 with a located error
// (`file:line:col: error:` for YAML and flags, `file:line[:col]: error:` for row files such as
// CSV logs, traces and run files, or the name of a flag of the command in the error line) is OK;
// anything else is a FAIL: a signal, a timeout, a sanitizer report in stderr (also with exit 0),
// another exit code, or exit 2 without a location. A FAIL has a signature (the signal, the
// sanitizer's report and first project frame, or the normalised first error line) by which
// failures are grouped and matched against the allow-list of known-open ones.
#pragma once

#include <string>
#include <vector>

#include "tests/fuzz/process_runner.hpp"

namespace portsim::fuzz {

/// SeedFails: a seed itself does not give exit 0 (portsim rejects or mishandles a shipped file, or
/// one it wrote itself); HarnessError: the harness could not run a command.
enum class Outcome { Exit0, Exit2Located, Signal, Timeout, Sanitizer, OtherExit, Exit2Unlocated, SeedFails, HarnessError };
inline constexpr int outcome_count = 9;

const char* outcome_name(Outcome o);
inline bool is_failure(Outcome o) { return o != Outcome::Exit0 && o != Outcome::Exit2Located; }

enum class LocationStyle { LineColumn, Line };

struct Verdict {
  Outcome outcome = Outcome::Exit0;
  std::string signature;  // empty when OK
  std::string message;    // the first error line (or signal), normalised: also for OK outcomes
};

/// `argv` is the command (its flags may be named by the error).
Verdict classify(const StepResult& r, const std::vector<std::string>& argv, LocationStyle style);

/// A message line made comparable: quoted text -> Q, (parenthesised details) -> (P), file names
/// -> FILE, digits -> N, at most 150 characters.
std::string normalize(const std::string& line);

/// tests/fuzz/known_open.txt: lines "<kind or *> | <text in the signature>", # comments.
class KnownOpen {
 public:
  KnownOpen() = default;
  static KnownOpen load(const std::string& file);
  bool covers(const std::string& kind, const std::string& signature) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string kind, text;
  };
  std::vector<Entry> entries_;
};

}  // namespace portsim::fuzz
