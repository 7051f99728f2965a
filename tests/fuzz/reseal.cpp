#include "tests/fuzz/reseal.hpp"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "sim/kernel/random.hpp"

namespace portsim::fuzz {

namespace {

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string reseal_trace(const std::string& text) {
  std::size_t at = text.rfind("\nchecksum ");
  if (at == std::string::npos) return text;
  ++at;
  const std::size_t end = text.find('\n', at);
  return text.substr(0, at) + "checksum " + hex(kernel::fnv1a(std::string_view(text).substr(0, at))) +
         (end == std::string::npos ? "" : text.substr(end));
}

std::string reseal_run_file(const std::string& text) {
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    if (!j.is_object() || !j.contains("checksum")) return text;
    j.erase("checksum");
    const std::string sum = hex(kernel::fnv1a(j.dump()));
    j["checksum"] = sum;
    return j.dump() + (!text.empty() && text.back() == '\n' ? "\n" : "");
  } catch (const std::exception&) {
    return text;
  }
}

}  // namespace portsim::fuzz
