// A schema table: the keys of one config struct (FieldSpec), each bound to the member it fills, and
// the reader that walks a YAML map by it. Unknown keys, types, ranges, required keys and rules across
// keys are all checked here, every problem collected with its file:line:col and key path (YamlReader).
// The scenario's tables are in sim/io/scenario_schema.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/io/schema_spec.hpp"
#include "sim/io/yaml_document.hpp"
#include "sim/port/config.hpp"
#include "sim/port/names.hpp"

namespace portsim::io {

/// The state of one read: the problems found so far and the node of each key the model's checks
/// may report on (so that their problems point at the right line too).
class SchemaReader {
 public:
  explicit SchemaReader(const YamlDocument& doc) : doc_(doc), yaml_(doc) {}

  YamlReader& yaml() noexcept { return yaml_; }
  void problem(const YAML::Node& at, const std::string& path, const std::string& message) {
    yaml_.problem(at, path, message);
  }
  void record(const std::string& path, const YAML::Node& node) { nodes_[path] = node; }
  /// The node recorded for `path`, else for its nearest recorded parent, else the document root.
  YAML::Node node_for(std::string path) const;

  // A value of the spec's type within its range (nothing, after reporting a problem).
  std::optional<double> number(const FieldSpec& s, const YAML::Node& n, const std::string& path);
  std::optional<long long> integer(const FieldSpec& s, const YAML::Node& n, const std::string& path);
  std::optional<kernel::Duration> duration(const FieldSpec& s, const YAML::Node& n, const std::string& path);
  std::optional<kernel::Distribution> distribution(const FieldSpec& s, const YAML::Node& n, const std::string& path);
  std::optional<port::DailyWindow> window(const YAML::Node& n, const std::string& path);

 private:
  const YamlDocument& doc_;
  YamlReader yaml_;
  std::map<std::string, YAML::Node> nodes_;
};

// ---- values by member type ----

namespace schema_detail {

template <class T>
struct Unwrap {
  using type = T;
};
template <class T>
struct Unwrap<std::optional<T>> {
  using type = T;
};
template <class T>
inline constexpr bool always_false = false;

template <class T>
constexpr FieldType type_of() {
  if constexpr (std::is_same_v<T, bool>) return FieldType::Boolean;
  else if constexpr (std::is_enum_v<T>) return FieldType::Choice;
  else if constexpr (std::is_integral_v<T>) return FieldType::Integer;
  else if constexpr (std::is_floating_point_v<T>) return FieldType::Number;
  else if constexpr (std::is_same_v<T, std::string>) return FieldType::Text;
  else if constexpr (std::is_same_v<T, kernel::Duration>) return FieldType::Duration;
  else if constexpr (std::is_same_v<T, kernel::Distribution>) return FieldType::Distribution;
  else if constexpr (std::is_same_v<T, port::DailyWindow>) return FieldType::Window;
  else static_assert(always_false<T>, "no schema type for this member type");
}

template <class T>
std::optional<T> read_value(SchemaReader& r, const FieldSpec& s, const YAML::Node& n, const std::string& path) {
  if constexpr (std::is_same_v<T, bool>) {
    return r.yaml().boolean(n, path);
  } else if constexpr (std::is_enum_v<T>) {
    if (const auto name = r.yaml().choice(n, path, s.choices)) return port::parse_name<T>(*name);
    return std::nullopt;
  } else if constexpr (std::is_integral_v<T>) {
    if (const auto v = r.integer(s, n, path)) return static_cast<T>(*v);
    return std::nullopt;
  } else if constexpr (std::is_floating_point_v<T>) {
    return r.number(s, n, path);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return r.yaml().text(n, path);
  } else if constexpr (std::is_same_v<T, kernel::Duration>) {
    return r.duration(s, n, path);
  } else if constexpr (std::is_same_v<T, kernel::Distribution>) {
    return r.distribution(s, n, path);
  } else {
    return r.window(n, path);
  }
}

// Defaults as a file would write them ("1d", "triangular(15min, 30min, 1h)", "[0.1, 0.75, 0.15]").
std::string number_text(double x);
std::string duration_text(kernel::Duration d);
std::string distribution_text(const kernel::Distribution& d);
std::string window_text(const port::DailyWindow& w);
std::string list_text(const std::vector<std::string>& items);

template <class T>
std::string default_text(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
  else if constexpr (std::is_enum_v<T>) return std::string(port::name_of(v));
  else if constexpr (std::is_integral_v<T>) return std::to_string(v);
  else if constexpr (std::is_floating_point_v<T>) return number_text(v);
  else if constexpr (std::is_same_v<T, std::string>) return v;
  else if constexpr (std::is_same_v<T, kernel::Duration>) return duration_text(v);
  else if constexpr (std::is_same_v<T, kernel::Distribution>) return distribution_text(v);
  else if constexpr (std::is_same_v<T, port::DailyWindow>) return window_text(v);
  else static_assert(always_false<T>, "no default text for this member type");
}
template <class T>
std::string default_text(const std::optional<T>& v) {
  return v ? default_text(*v) : std::string();
}
template <class Items>
std::string default_list_text(const Items& items) {
  std::vector<std::string> texts;
  for (const auto& item : items) texts.push_back(default_text(item));
  return list_text(texts);
}

template <class T>
struct ListOf;
template <class T>
struct ListOf<std::vector<T>> {
  using item = T;
  static constexpr bool fixed = false;
};
template <class T, std::size_t N>
struct ListOf<std::array<T, N>> {
  using item = T;
  static constexpr bool fixed = true;
  static constexpr std::size_t size = N;
};

}  // namespace schema_detail

/// Appends each item read from a list of maps to the target list (the default store).
struct AppendItem {
  template <class Item>
  void operator()(SchemaReader&, const YAML::Node&, const std::string&, std::size_t, std::vector<Item>& list,
                  Item&& item) const {
    list.push_back(std::move(item));
  }
};

/// The keys of one struct, in the order they are read and documented.
template <class Owner>
class Table {
 public:
  /// Reads a value at `path` (a key's node), or checks a rule (the map's node and path).
  using Read = std::function<void(SchemaReader&, const FieldSpec&, const YAML::Node&, const std::string&, Owner&)>;

  /// A value stored in the member `access` names (a member pointer); its type, its allowed names
  /// (enums) and its default come from that member.
  template <class Access>
  FieldRef field(std::string key, Access access, std::string doc) {
    using T = typename schema_detail::Unwrap<Member<Access>>::type;
    FieldSpec s = spec(std::move(key), schema_detail::type_of<T>(), std::move(doc));
    if constexpr (std::is_enum_v<T>) s.choices = port::names_of<T>();
    if constexpr (std::is_same_v<T, kernel::Duration> || std::is_same_v<T, kernel::Distribution>) s.min = 0;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      s.min = 0;
      s.max = static_cast<double>(std::numeric_limits<T>::max());
    }
    s.default_text = schema_detail::default_text(defaults(access));
    return add(std::move(s), [access](SchemaReader& r, const FieldSpec& f, const YAML::Node& n,
                                      const std::string& path, Owner& owner) {
      if (f.located) r.record(path, n);
      if (f.never_allowed && n.IsScalar() && n.Scalar() == "never") return;
      if (auto v = schema_detail::read_value<T>(r, f, n, path)) std::invoke(access, owner) = std::move(*v);
    });
  }

  /// A list of values (a vector member, replaced as a whole, or an array member of exactly its size).
  template <class Access>
  FieldRef list(std::string key, Access access, std::string doc) {
    using L = schema_detail::ListOf<Member<Access>>;
    using T = typename L::item;
    FieldSpec s = spec(std::move(key), FieldType::List, std::move(doc));
    s.item = schema_detail::type_of<T>();
    if constexpr (std::is_same_v<T, kernel::Duration> || std::is_same_v<T, kernel::Distribution>) s.min = 0;
    if constexpr (L::fixed) s.sizes = {L::size};
    s.default_text = schema_detail::default_list_text(defaults(access));
    return add(std::move(s), [access](SchemaReader& r, const FieldSpec& f, const YAML::Node& n,
                                      const std::string& path, Owner& owner) {
      if (!r.yaml().expect_list(n, path)) return;
      if (f.located) r.record(path, n);
      const auto count = [&] { return f.size_message + ", got " + std::to_string(n.size()); };
      if (!f.sizes.empty() && std::find(f.sizes.begin(), f.sizes.end(), n.size()) == f.sizes.end()) {
        r.problem(n, path, count());
        return;
      }
      if (n.size() > f.max_items) r.problem(n, path, count());
      auto& target = std::invoke(access, owner);
      if constexpr (!L::fixed) target.clear();
      for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        r.record(item_path, n[i]);
        const auto v = schema_detail::read_value<T>(r, f, n[i], item_path);
        if constexpr (L::fixed) target[i] = v.value_or(T{});
        else if (v) target.push_back(*v);
      }
    });
  }

  /// A map whose keys `child` reads into the member `access` names, in place (std::identity: keys
  /// of this struct itself).
  template <class Access, class Child>
  FieldRef map(std::string key, Access access, const Table<Child>& child, std::string doc) {
    return add(map_spec(std::move(key), child, std::move(doc)),
               [access, child](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path,
                               Owner& owner) {
                 if (!r.yaml().expect_map(n, path)) return;
                 r.record(path, n);
                 child.read(r, n, path, std::invoke(access, owner));
               });
  }
  /// A map read into a fresh Child, then handed to `store(owner, child)` (when the file's keys are
  /// not members, such as shares that must sum to 1).
  template <class Child, class Store>
  FieldRef map(std::string key, const Table<Child>& child, Store store, std::string doc) {
    return add(map_spec(std::move(key), child, std::move(doc)),
               [child, store](SchemaReader& r, const FieldSpec&, const YAML::Node& n, const std::string& path,
                              Owner& owner) {
                 if (!r.yaml().expect_map(n, path)) return;
                 r.record(path, n);
                 Child read{};
                 child.read(r, n, path, read);
                 store(owner, std::move(read));
               });
  }

  /// A list of maps: each item read by `items` into a fresh Item, then handed to `store` with the
  /// list `access` names (cleared first: a file's list replaces the default one).
  template <class Access, class Item, class Store = AppendItem>
  FieldRef list(std::string key, Access access, const Table<Item>& items, std::string doc, Store store = {}) {
    FieldSpec s = spec(std::move(key), FieldType::List, std::move(doc));
    s.item = FieldType::Map;
    s.children = items.specs();
    return add(std::move(s), [access, items, store](SchemaReader& r, const FieldSpec& f, const YAML::Node& n,
                                                    const std::string& path, Owner& owner) {
      if (!r.yaml().expect_list(n, path)) return;
      if (f.located) r.record(path, n);
      auto& target = std::invoke(access, owner);
      target.clear();
      for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        const YAML::Node m = n[i];
        r.record(item_path, m);
        if (!r.yaml().expect_map(m, item_path)) continue;
        Item item{};
        items.read(r, m, item_path, item);
        store(r, m, item_path, i, target, std::move(item));
      }
    });
  }

  /// A key whose value is read by hand (`read` gets its node and path).
  FieldRef custom(std::string key, FieldType type, std::string doc, Read read) {
    return add(spec(std::move(key), type, std::move(doc)), std::move(read));
  }
  /// A rule across keys, checked at its place in the table (`check` gets the map's node and path).
  FieldRef rule(std::string doc, Read check) { return add(spec("", FieldType::Rule, std::move(doc)), std::move(check)); }

  /// The keys a map may hold, in table order (for unknown-key messages and suggestions).
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) {
      if (e.spec.type != FieldType::Rule) out.push_back(e.spec.key);
    }
    return out;
  }
  std::vector<FieldSpec> specs() const {
    std::vector<FieldSpec> out;
    for (const auto& e : entries_) out.push_back(e.spec);
    return out;
  }

  /// Reads `map` (a map node) found at `path` ("" for the document root) into `owner`.
  void read(SchemaReader& r, const YAML::Node& map, const std::string& path, Owner& owner) const {
    r.yaml().check_keys(map, path, keys());
    for (const auto& e : entries_) {
      if (e.spec.type == FieldType::Rule) {
        e.read(r, e.spec, map, path, owner);
        continue;
      }
      const std::string key_path = path.empty() ? e.spec.key : path + "." + e.spec.key;
      if (const YAML::Node value = map[e.spec.key]) e.read(r, e.spec, value, key_path, owner);
      else if (!e.spec.missing.empty()) r.problem(map, key_path, e.spec.missing);
    }
  }

 private:
  template <class Access>
  using Member = std::remove_cvref_t<std::invoke_result_t<Access&, Owner&>>;

  struct Entry {
    FieldSpec spec;
    Read read;
  };

  static FieldSpec spec(std::string key, FieldType type, std::string doc) {
    FieldSpec s;
    s.key = std::move(key);
    s.type = type;
    s.doc = std::move(doc);
    return s;
  }
  /// The member's value in a default-constructed Owner: the model's default.
  template <class Access>
  static Member<Access> defaults(const Access& access) {
    Owner owner{};
    return std::invoke(access, owner);
  }
  FieldRef add(FieldSpec s, Read read) {
    entries_.push_back(Entry{std::move(s), std::move(read)});
    return FieldRef(entries_.back().spec);
  }

  template <class Child>
  static FieldSpec map_spec(std::string key, const Table<Child>& child, std::string doc) {
    FieldSpec s = spec(std::move(key), FieldType::Map, std::move(doc));
    s.children = child.specs();
    return s;
  }

  std::vector<Entry> entries_;
};

}  // namespace portsim::io
