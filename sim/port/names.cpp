#include "sim/port/names.hpp"

namespace portsim::port {

namespace {
/// A table names each value of its enum once, in declaration order: a name given twice, a value
/// left out before the last one, or a reordered table fails to compile here.
template <class E>
constexpr bool names_every_value_in_order() {
  const auto& t = EnumNames<E>::table;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (static_cast<std::size_t>(t[i].first) != i) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (t[j].second == t[i].second) return false;
    }
  }
  return true;
}
static_assert(names_every_value_in_order<NodeKind>());
static_assert(names_every_value_in_order<LaneKind>());
static_assert(names_every_value_in_order<DeviceKind>());
static_assert(names_every_value_in_order<DeclarationMode>());
static_assert(names_every_value_in_order<Channel>());
static_assert(names_every_value_in_order<SelectionMode>());
static_assert(names_every_value_in_order<DemandMode>());
static_assert(names_every_value_in_order<LaneChoice>());
static_assert(names_every_value_in_order<TruckState>());
static_assert(names_every_value_in_order<EventKind>());
static_assert(names_every_value_in_order<TripKind>());
}  // namespace

std::string to_string(NodeKind k) { return std::string(name_of(k)); }
std::string to_string(LaneKind k) { return std::string(name_of(k)); }
std::string to_string(DeviceKind k) { return std::string(name_of(k)); }
std::string to_string(DeclarationMode m) { return std::string(name_of(m)); }
std::string to_string(Channel c) { return std::string(name_of(c)); }
std::string to_string(TruckState s) { return std::string(name_of(s)); }
std::string to_string(EventKind k) { return std::string(name_of(k)); }

}  // namespace portsim::port
