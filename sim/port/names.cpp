#include "sim/port/names.hpp"

namespace portsim::port {

std::string to_string(NodeKind k) { return std::string(name_of(k)); }
std::string to_string(LaneKind k) { return std::string(name_of(k)); }
std::string to_string(DeviceKind k) { return std::string(name_of(k)); }
std::string to_string(DeclarationMode m) { return std::string(name_of(m)); }
std::string to_string(Channel c) { return std::string(name_of(c)); }
std::string to_string(TruckState s) { return std::string(name_of(s)); }
std::string to_string(EventKind k) { return std::string(name_of(k)); }

}  // namespace portsim::port
