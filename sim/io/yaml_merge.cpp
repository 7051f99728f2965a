#include "sim/io/yaml_merge.hpp"

#include "sim/io/edit_distance.hpp"

#include <cstddef>
#include <unordered_map>

namespace portsim::io {

namespace {

constexpr std::size_t near_edits = 2;  // an added id this close to a base id is taken for a typo

bool is_id_list(const YAML::Node& n) {
  if (!n.IsSequence() || n.size() == 0) return false;
  for (const auto& item : n) {
    if (!item.IsMap() || !item["id"] || !item["id"].IsScalar()) return false;
  }
  return true;
}

std::string describe(const YAML::Node& n) {
  if (!n || n.IsNull()) return "nothing";
  if (n.IsScalar()) return "\"" + n.Scalar() + "\"";
  return n.IsSequence() ? "a list" : "a map";
}

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

class Merger {
 public:
  Merger(const std::string& source, std::vector<InputProblem>& problems) : source_(source), problems_(problems) {}

  /// Maps key by key; the base's keys are looked up in one index (a map of many keys merges in
  /// one pass).
  void map(YAML::Node base, const YAML::Node& over, const std::string& path) {
    std::unordered_map<std::string, YAML::Node> values;  // the base's first value of each key
    for (auto kv : base) values.emplace(kv.first.as<std::string>(), kv.second);
    for (const auto& kv : over) {
      const std::string key = kv.first.as<std::string>();
      if (key == "extends") continue;
      const std::string key_path = join(path, key);
      const YAML::Node& o = kv.second;
      const auto found = values.find(key);
      if (found == values.end()) {
        strip_new_marks(o, key_path);
        YAML::Node value(YAML::NodeType::Null);  // a node of the base's own, sharing o (as base[key] = o)
        base.force_insert(key, value);
        values.emplace(key, value);
        value = o;
        continue;
      }
      YAML::Node b = found->second;  // a copy of the handle: assigning to it leaves the index's intact
      if (b.IsMap() && o.IsMap()) {
        map(b, o, key_path);
      } else if (is_id_list(b) && is_id_list(o)) {
        list(b, o, key_path);
      } else {
        strip_new_marks(o, key_path);
        b = o;
      }
    }
  }

 private:
  /// Lists of maps with an id, item by item.
  void list(YAML::Node base, const YAML::Node& over, const std::string& path) {
    std::vector<YAML::Node> items;
    std::unordered_map<std::string, std::size_t> by_id;  // first item of each id
    for (auto item : base) {
      by_id.emplace(item["id"].Scalar(), items.size());
      items.push_back(item);
    }
    const std::size_t base_items = items.size();
    for (std::size_t i = 0; i < over.size(); ++i) {
      const YAML::Node item = over[i];
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      const YAML::Node id_node = item["id"];
      const std::string id = id_node.Scalar();
      const bool is_new = take_new_mark(item, item_path);
      const auto found = by_id.find(id);
      if (found != by_id.end()) {
        if (is_new && found->second < base_items) {
          problem(id_node, item_path + ".id", "the item says new: true, but the base has an item with id \"" + id + "\"");
        }
        map(items[found->second], item, item_path);
        continue;
      }
      if (!is_new) check_not_a_typo(id_node, item_path + ".id", items, base_items);
      strip_new_marks_below(item, item_path);
      base.push_back(item);
      by_id.emplace(id, items.size());
      items.push_back(item);
    }
  }

  /// An added id one or two edits (and fewer edits than it has letters) from an id of the base.
  void check_not_a_typo(const YAML::Node& id_node, const std::string& id_path, const std::vector<YAML::Node>& items,
                        std::size_t base_items) {
    const std::string& id = id_node.Scalar();
    std::string best;
    std::size_t best_edits = near_edits + 1;
    for (std::size_t j = 0; j < base_items && best_edits > 1; ++j) {
      const std::string& other = items[j]["id"].Scalar();
      const std::size_t edits = edit_distance_within(id, other, near_edits);
      if (edits < best_edits && edits < id.size()) {
        best_edits = edits;
        best = other;
      }
    }
    if (best.empty()) return;
    problem(id_node, id_path,
            "the base's list has no item \"" + id + "\" (did you mean \"" + best +
                "\"?); add new: true to an item that is new");
  }

  /// Reads and removes the `new` key of an item of an id list: true when it says new: true.
  bool take_new_mark(YAML::Node item, const std::string& item_path) {
    const YAML::Node mark = item["new"];
    if (!mark) return false;
    bool is_new = false;
    const std::string text = mark.IsScalar() ? mark.Scalar() : "";
    if (text == "true" || text == "yes" || text == "on") {
      is_new = true;
    } else if (text != "false" && text != "no" && text != "off") {
      problem(mark, item_path + ".new", "expected true or false, got " + describe(mark));
    }
    item.remove("new");
    return is_new;
  }

  /// A value placed as a whole is new throughout: the `new` keys of the id lists in it are removed.
  void strip_new_marks(const YAML::Node& n, const std::string& path) {
    if (is_id_list(n)) {
      for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        take_new_mark(n[i], item_path);
        strip_new_marks_below(n[i], item_path);
      }
    } else if (n.IsMap()) {
      strip_new_marks_below(n, path);
    } else if (n.IsSequence()) {
      for (std::size_t i = 0; i < n.size(); ++i) strip_new_marks(n[i], path + "[" + std::to_string(i) + "]");
    }
  }
  void strip_new_marks_below(const YAML::Node& map, const std::string& path) {
    for (const auto& kv : map) strip_new_marks(kv.second, join(path, kv.first.as<std::string>()));
  }

  void problem(const YAML::Node& at, const std::string& path, const std::string& message) {
    problems_.push_back(InputProblem{source_, at.Mark().line + 1, at.Mark().column + 1, path, message});
  }

  const std::string& source_;
  std::vector<InputProblem>& problems_;
};

}  // namespace

void merge_yaml(YAML::Node base, const YAML::Node& overlay, const std::string& source,
                std::vector<InputProblem>& problems) {
  Merger(source, problems).map(base, overlay, "");
}

}  // namespace portsim::io
