#include "sim/io/yaml_limits.hpp"

#include "sim/io/input_error.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace portsim::io {

namespace {

const std::string limit_text = " (the limit)";

/// Checks the parser's events against YamlLimits before any node is built: a pass over the text
/// that costs one step per event, however often an alias repeats what it names.
class LimitChecker : public YAML::EventHandler {
 public:
  LimitChecker(std::string name, std::string path) : name_(std::move(name)), path_(std::move(path)) {}

  /// The first problem found (the text is read to its end: a syntax error, found later, comes first).
  const std::optional<InputProblem>& problem() const noexcept { return problem_; }
  /// The problem is nesting past YamlLimits::depth (yaml-cpp gives up deeper still).
  bool too_deep() const noexcept { return too_deep_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check([&] { leaf(mark, anchor, Kind::Scalar, "null"); }); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    check([&] { leaf(mark, anchor, Kind::Scalar, value); });
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override { check([&] { alias(mark, anchor); }); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    check([&] { open(mark, anchor, Kind::List); });
  }
  void OnSequenceEnd() override { check([&] { close(); }); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    check([&] { open(mark, anchor, Kind::Map); });
  }
  void OnMapEnd() override { check([&] { close(); }); }

 private:
  struct Failed {};  // thrown by fail(), caught by check()

  /// Runs one step of the check until the first problem.
  template <class Step>
  void check(Step step) {
    if (problem_) return;
    try {
      step();
    } catch (const Failed&) {
    }
  }

  void alias(const YAML::Mark& mark, YAML::anchor_t anchor) {
    const auto it = anchors_.find(anchor);
    const std::string alias = "the alias *" + name_of(anchor);
    if (it == anchors_.end()) fail(mark, alias + " is used inside the node it names (a recursive alias)");
    const Info& info = it->second;
    child(mark, info.kind, info.text);
    if (stack_.size() + info.height > YamlLimits::depth) {
      too_deep_ = true;
      fail(mark, alias + " nests lists and maps more than " + std::to_string(YamlLimits::depth) + " deep" + limit_text);
    }
    values_ += info.size;
    if (values_ > YamlLimits::values) {
      fail(mark, alias + " stands for " + std::to_string(info.size) + " values: the document would hold more than " +
                     std::to_string(YamlLimits::values) + limit_text);
    }
    done(info.height);
  }

  enum class Kind { Scalar, List, Map };
  struct Info {  // a completed anchored node
    std::size_t size = 0;    // values, its aliases expanded
    std::size_t height = 0;  // 0 for a scalar, 1 + the deepest child for a list or map
    Kind kind = Kind::Scalar;
    std::string text;        // a scalar's (an alias may be a key)
  };
  struct Frame {
    Kind kind = Kind::Map;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t children = 0;  // events seen as its direct children (a map's keys and values)
    std::size_t first_value = 0;
    std::size_t deepest = 0;
    std::string key;  // a map's current key
    std::unordered_map<std::string, int> lines;  // a map's keys so far, with their lines
  };

  std::string name_of(YAML::anchor_t anchor) const {
    const auto it = names_.find(anchor);
    return it == names_.end() ? std::to_string(anchor) : it->second;
  }
  void name(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) names_[anchor] = pending_name_;
  }

  /// The key path of the node the next event adds.
  std::string path_here() const {
    std::string p = path_;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const Frame& f = stack_[i];  // its child under way is the one after `children`
      if (f.kind == Kind::List) {
        p += "[" + std::to_string(f.children) + "]";
      } else if (f.children % 2 == 1) {  // a value (not a key) of this map
        p += (p.empty() ? "" : ".") + f.key;
      }
    }
    return p;
  }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) {
    problem_ = InputProblem{name_, mark.line + 1, mark.column + 1, path_here(), message};
    throw Failed{};
  }

  /// A node of `kind` is added to the open list or map: a key must be a plain value, and a list
  /// or map may hold only so many items.
  void child(const YAML::Mark& mark, Kind kind, const std::string& text) {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    const bool key = f.kind == Kind::Map && f.children % 2 == 0;
    if (key && kind != Kind::Scalar) fail(mark, std::string("a key must be a plain value, got a ") + (kind == Kind::List ? "list" : "map"));
    const std::size_t items = f.kind == Kind::Map ? f.children / 2 + 1 : f.children + 1;
    if (items > YamlLimits::items && (f.kind == Kind::List || key)) {
      fail(mark, std::string(f.kind == Kind::List ? "a list with more than " + std::to_string(YamlLimits::items) + " items"
                                                  : "a map with more than " + std::to_string(YamlLimits::items) + " keys") +
                     limit_text);
    }
    if (!key) return;
    if (const auto [it, added] = f.lines.emplace(text, mark.line + 1); !added) {
      fail(mark, "duplicate key \"" + text + "\" (also at line " + std::to_string(it->second) + ")");
    }
    f.key = text;
  }
  /// The node just added is complete, `height` deep.
  void done(std::size_t height) {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    f.deepest = std::max(f.deepest, height);
    ++f.children;
  }
  void count_one(const YAML::Mark& mark) {
    if (++values_ > YamlLimits::values) {
      fail(mark, "the document holds more than " + std::to_string(YamlLimits::values) + " values" + limit_text);
    }
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, Kind kind, const std::string& text) {
    child(mark, kind, text);
    count_one(mark);
    if (anchor != YAML::NullAnchor) {
      name(anchor);
      anchors_[anchor] = Info{1, 0, kind, text};
    }
    done(0);
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Kind kind) {
    child(mark, kind, "");
    if (stack_.size() + 1 > YamlLimits::depth) {
      too_deep_ = true;
      fail(mark, "lists and maps nested more than " + std::to_string(YamlLimits::depth) + " deep" + limit_text);
    }
    name(anchor);
    Frame f;
    f.kind = kind;
    f.anchor = anchor;
    f.first_value = values_;
    count_one(mark);
    stack_.push_back(std::move(f));
  }
  void close() {
    const Frame f = std::move(stack_.back());
    stack_.pop_back();
    const std::size_t height = f.deepest + 1;
    if (f.anchor != YAML::NullAnchor) anchors_[f.anchor] = Info{values_ - f.first_value, height, f.kind, ""};
    done(height);
  }

  std::string name_;
  std::string path_;
  std::vector<Frame> stack_;
  std::size_t values_ = 0;
  std::unordered_map<YAML::anchor_t, Info> anchors_;
  std::unordered_map<YAML::anchor_t, std::string> names_;
  std::string pending_name_;
  std::optional<InputProblem> problem_;
  bool too_deep_ = false;
};

/// Stops at the start of a second document (a file holds one: yaml-cpp would read the first only).
class SecondDocument : public YAML::EventHandler {
 public:
  struct Found {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& mark) override { throw Found{mark}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

InputProblem syntax_problem(const std::string& name, const YAML::Exception& e) {
  return InputProblem{name, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax: " + e.msg};
}

std::string too_large(const std::string& what) {
  return what + " is larger than " + std::to_string(YamlLimits::document_bytes) + " bytes" + limit_text;
}

}  // namespace

std::string read_yaml_file(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError({InputProblem{file, 0, 0, "", "cannot read the file: it is a directory"}});
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError({InputProblem{file, 0, 0, "", "cannot open the file (" + std::string(std::strerror(errno)) + ")"}});
  }
  std::string text;
  std::vector<char> chunk(64 * 1024);
  while (in && text.size() <= YamlLimits::document_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw InputError({InputProblem{file, 0, 0, "", "cannot read the file (" + std::string(std::strerror(errno)) + ")"}});
  }
  if (text.size() > YamlLimits::document_bytes) {  // at the line and column where the limit is passed
    const std::size_t at = YamlLimits::document_bytes;
    const std::size_t line_start = text.rfind('\n', at - 1) == std::string::npos ? 0 : text.rfind('\n', at - 1) + 1;
    const auto line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
    throw InputError({InputProblem{file, line, static_cast<int>(at - line_start) + 1, "", too_large("the file")}});
  }
  return text;
}

YAML::Node parse_yaml(const std::string& text, const std::string& name, const std::string& path) {
  if (text.size() > YamlLimits::document_bytes) {
    throw InputError({InputProblem{name, 0, 0, path, too_large(path.empty() ? "the text" : "the value")}});
  }
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    LimitChecker checker(name, path);
    try {
      parser.HandleNextDocument(checker);
    } catch (const YAML::DeepRecursion&) {
      if (checker.too_deep()) throw InputError({*checker.problem()});
      throw;
    }
    if (checker.problem()) throw InputError({*checker.problem()});
    try {
      SecondDocument second;
      parser.HandleNextDocument(second);
    } catch (const SecondDocument::Found& found) {
      throw InputError({InputProblem{name, found.mark.line + 1, found.mark.column + 1, path,
                                     "a second YAML document (after ---): a file holds one"}});
    }
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError({syntax_problem(name, e)});
  }
}

}  // namespace portsim::io
