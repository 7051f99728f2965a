// One key of a file schema as plain data: key, type, range, unit, default and a one-line doc. The
// reader enforces exactly this (sim/io/schema_table.hpp) and the reference prints it
// (sim/io/schema_markdown.hpp); the scenario's keys are declared in sim/io/scenario_schema.cpp.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"

namespace portsim::io {

enum class FieldType { Text, Number, Integer, Boolean, Duration, Distribution, Choice, Window, Map, List, Rule };

struct FieldSpec {
  std::string key;  // as written in the file ("count"); empty for a rule
  FieldType type = FieldType::Text;
  FieldType item = FieldType::Text;  // List: the type of its items (Map: a list of maps)

  // Number and Integer (the items', for a List): the value must be in [min, max], or in (min, max]
  // when min_open; `noun` names the value in the message for min itself ("expected a speed > 0").
  // Duration and Distribution: min 0 (the default) refuses negative times, -HUGE_VAL allows them.
  double min = -HUGE_VAL;
  double max = HUGE_VAL;
  bool min_open = false;
  std::string noun = "number";
  std::vector<std::string> choices;  // Choice: the allowed names, in the order messages list them
  bool never_allowed = false;        // the word "never" stands for no value (an optional)
  // A time the model repeats in a loop (Duration: the value, Distribution: its mean) must be at
  // least this, in seconds, so that the loop advances time.
  double min_mean = 0;
  bool time_of_day = false;          // Duration: a time of day ("10:00") is read as that time on day 1

  // List: allowed item counts (empty: any) and at most max_items; the message for a wrong count,
  // followed by ", got N".
  std::vector<std::size_t> sizes;
  std::size_t max_items = std::numeric_limits<std::size_t>::max();
  std::string size_message;

  std::string unit;
  std::string default_text;  // as written in a file; empty: no default
  std::string doc;
  std::string missing;       // non-empty: the key is required, and this is the message when it is absent
  bool located = false;      // the model's checks report problems at this key: the reader records its node
  bool required_by_model = false;  // absent, the model's checks report it (the reference says "required")

  std::vector<FieldSpec> children;  // Map and list of maps: their keys, and the rules across them
};

/// Sets the optional parts of a spec as it is declared: t.field(...).range(1, 1000).unit("trucks").
class FieldRef {
 public:
  explicit FieldRef(FieldSpec& spec) : s_(spec) {}

  /// [min, max] (max HUGE_VAL: no upper bound).
  FieldRef& range(double min, double max = HUGE_VAL) {
    s_.min = min;
    s_.max = max;
    return *this;
  }
  /// (min, max]: min itself is refused with "expected a <noun> > <min>".
  FieldRef& above(double min, double max = HUGE_VAL, std::string noun = "number") {
    range(min, max);
    s_.min_open = true;
    s_.noun = std::move(noun);
    return *this;
  }
  FieldRef& probability() { return range(0, 1).unit("share"); }
  /// A time (duration or distribution) that may be negative: an offset.
  FieldRef& may_be_negative() {
    s_.min = -HUGE_VAL;
    return *this;
  }
  /// A time the model repeats in a loop: the duration, or the distribution's mean, must be at
  /// least `min` (said in the doc).
  FieldRef& repeats(kernel::Duration min) {
    s_.min_mean = kernel::to_seconds(min);
    s_.doc += std::string(s_.type == FieldType::Duration ? "; at least " : "; mean at least ") +
              kernel::format_duration(min) + " (it repeats)";
    return *this;
  }
  /// A duration that may also be written as a time of day ("10:00": that time on day 1; said in the doc).
  FieldRef& or_time_of_day() {
    s_.time_of_day = true;
    s_.doc += ", or a time of day on day 1 (`10:00`)";
    return *this;
  }
  FieldRef& unit(std::string unit) {
    s_.unit = std::move(unit);
    return *this;
  }
  FieldRef& required(std::string message) {
    s_.missing = std::move(message);
    return *this;
  }
  FieldRef& located() {
    s_.located = true;
    return *this;
  }
  /// A reference the model's checks require (they report it missing, after every key is read).
  FieldRef& required_by_model() {
    s_.required_by_model = true;
    return located();
  }
  /// "never" stands for no value; it is also the default.
  FieldRef& or_never() {
    s_.never_allowed = true;
    s_.default_text = "never";
    return *this;
  }
  /// A list of one of `sizes` items, else `message` + ", got N" (its items are then not read).
  FieldRef& sizes(std::vector<std::size_t> sizes, std::string message) {
    s_.sizes = std::move(sizes);
    s_.size_message = std::move(message);
    return *this;
  }
  /// The message for a list of the wrong size when the member fixes its size (an array).
  FieldRef& wrong_size(std::string message) {
    s_.size_message = std::move(message);
    return *this;
  }
  /// A list of at most `max` items, else `message` + ", got N" (its items are still read).
  FieldRef& at_most(std::size_t max, std::string message) {
    s_.max_items = max;
    s_.size_message = std::move(message);
    return *this;
  }
  /// A default the member cannot show (computed from other keys, or from the item's place).
  FieldRef& default_is(std::string text) {
    s_.default_text = std::move(text);
    return *this;
  }

 private:
  FieldSpec& s_;
};

}  // namespace portsim::io
