// Checks a portsim-viz screenshot: expected size, not blank, and the colours of queued trucks and
// busy lanes present near the gate, at the place the viz model puts it.
// Usage: viz_png_check PNG SCENARIO WIDTH HEIGHT COMPARE(0/1) SIDE
#include <stb_image.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "sim/io/scenario_loader.hpp"
#include "sim/port/layout.hpp"
#include "viz/viz_model.hpp"

namespace pv = portsim::viz;

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: viz_png_check PNG SCENARIO WIDTH HEIGHT COMPARE SIDE\n");
    return 2;
  }
  const int want_w = std::stoi(argv[3]), want_h = std::stoi(argv[4]);
  const bool compare = std::string(argv[5]) == "1";
  const int side = std::stoi(argv[6]);
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 4);
  if (px == nullptr) {
    std::fprintf(stderr, "FAIL: cannot read %s\n", argv[1]);
    return 1;
  }
  int failures = 0;
  if (w != want_w || h != want_h) {
    std::fprintf(stderr, "FAIL: size %dx%d, expected %dx%d\n", w, h, want_w, want_h);
    ++failures;
  }
  std::set<unsigned> distinct;
  for (int i = 0; i < w * h; i += 7) {
    const unsigned char* p = px + 4 * i;
    distinct.insert((unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]);
  }
  if (distinct.size() < 30) {
    std::fprintf(stderr, "FAIL: looks blank (%zu colours)\n", distinct.size());
    ++failures;
  }
  const auto sc = portsim::io::load_scenario(argv[2]);
  const portsim::port::Layout layout(sc.config.nodes, sc.config.roads);
  pv::View view{pv::map_canvas(w, h, compare, side), 1, {}};
  const pv::Vec2 gate = pv::gate_position(layout, sc.config, 0, view, pv::layout_bounds(layout));
  const auto count_near = [&](pv::Rgba c, float radius) {
    int found = 0;
    for (int y = std::max(0, int(gate.y - radius)); y < std::min(h, int(gate.y + radius)); ++y) {
      for (int x = std::max(0, int(gate.x - radius)); x < std::min(w, int(gate.x + radius)); ++x) {
        const unsigned char* p = px + 4 * (y * w + x);
        if (std::abs(p[0] - c.r) <= 3 && std::abs(p[1] - c.g) <= 3 && std::abs(p[2] - c.b) <= 3) ++found;
      }
    }
    return found;
  };
  const int queued = count_near(pv::truck_colour(portsim::port::TruckState::Queued), 120);
  const int busy = count_near(pv::lane_colour(pv::LaneLook::Busy), 120);
  std::printf("gate at (%.0f, %.0f): %d queued-truck pixels, %d busy-lane pixels\n", gate.x, gate.y, queued, busy);
  if (queued < 20) {
    std::fprintf(stderr, "FAIL: no queued trucks drawn near the gate\n");
    ++failures;
  }
  if (busy < 20) {
    std::fprintf(stderr, "FAIL: no busy lanes drawn at the gate\n");
    ++failures;
  }
  stbi_image_free(px);
  if (failures == 0) std::printf("PNG check passed\n");
  return failures == 0 ? 0 : 1;
}
