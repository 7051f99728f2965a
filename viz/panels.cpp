#include "viz/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/experiment/kpi_sets.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/layout.hpp"
#include "viz/chart.hpp"
#include "viz/chart_axes.hpp"

namespace portsim::viz {

namespace {

ImU32 col(Rgba c) { return c.packed(); }
ImVec2 iv(Vec2 v) { return {v.x, v.y}; }

double kpi(const port::KpiList& k, const std::string& name) {
  for (const auto& x : k) {
    if (x.name == name) return x.value;
  }
  return 0;
}

std::string kpi_unit(const port::KpiList& k, const std::string& name) {
  for (const auto& x : k) {
    if (x.name == name) return x.unit;
  }
  return "";
}

}  // namespace

void draw_map(VizState& state, const Side& side, View& view, const char* name, Rect canvas) {
  ImGui::SetNextWindowPos(ImVec2(canvas.x, canvas.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(canvas.w, canvas.h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin(name, nullptr, flags) && side.config && side.layout) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(canvas.x, canvas.y), ImVec2(canvas.x + canvas.w, canvas.y + canvas.h), IM_COL32(24, 26, 30, 255));
    view.canvas = canvas;
    const port::Layout& layout = *side.layout;
    const Bounds& bounds = side.bounds;
    // Interaction: drag to pan, wheel to zoom, click to select.
    ImGui::SetCursorScreenPos(ImVec2(canvas.x, canvas.y));
    ImGui::InvisibleButton("canvas", ImVec2(canvas.w, canvas.h));
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseWheel != 0) view.zoom = std::clamp(view.zoom * (io.MouseWheel > 0 ? 1.15f : 1 / 1.15f), 0.2f, 20.f);
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      view.pan.x += io.MouseDelta.x;
      view.pan.y += io.MouseDelta.y;
    }
    const auto snap = state.ctl.snapshot(side);
    // Roads and nodes.
    for (const auto& r : layout.roads()) {
      const Vec2 a = to_screen(view, bounds, {static_cast<float>(layout.node(r.from).x_m), static_cast<float>(layout.node(r.from).y_m)});
      const Vec2 b = to_screen(view, bounds, {static_cast<float>(layout.node(r.to).x_m), static_cast<float>(layout.node(r.to).y_m)});
      dl->AddLine(iv(a), iv(b), r.capacity_trucks > 0 ? IM_COL32(120, 120, 140, 255) : IM_COL32(80, 80, 90, 255), 5);
    }
    std::vector<Rect> labels;  // a node's name is left out where it would cover another's
    for (std::size_t n = 0; n < layout.node_count(); ++n) {
      const auto& node = layout.node(n);
      const Vec2 p = to_screen(view, bounds, {static_cast<float>(node.x_m), static_cast<float>(node.y_m)});
      dl->AddCircleFilled(iv(p), 4, IM_COL32(200, 200, 210, 255));
      const ImVec2 size = ImGui::CalcTextSize(node.id.c_str());
      const Rect r{p.x + 6, p.y - 18, size.x, size.y};
      const bool covers = std::any_of(labels.begin(), labels.end(), [&](const Rect& o) {
        return r.x < o.x + o.w && o.x < r.x + r.w && r.y < o.y + o.h && o.y < r.y + r.h;
      });
      if (covers) continue;
      labels.push_back(r);
      dl->AddText(ImVec2(r.x, r.y), IM_COL32(220, 220, 230, 255), node.id.c_str());
    }
    // Lanes, trucks, queue bars and spill-back markers.
    const auto boxes = lane_boxes(layout, *side.config, snap, view, bounds);
    for (const auto& lb : boxes) {
      dl->AddRectFilled(ImVec2(lb.box.x, lb.box.y), ImVec2(lb.box.x + lb.box.w, lb.box.y + lb.box.h), col(lb.colour));
    }
    const auto marks = truck_marks(layout, *side.config, snap, view, bounds);
    for (const auto& m : marks) {
      dl->AddRectFilled(ImVec2(m.pos.x - 1.5f, m.pos.y - 1.5f), ImVec2(m.pos.x + 1.5f, m.pos.y + 1.5f), col(m.colour));
    }
    for (std::size_t g = 0; g < side.config->gates.size() && g < snap.gate_queue.size(); ++g) {
      const Vec2 p = gate_position(layout, *side.config, static_cast<int>(g), view, bounds);
      const float h = std::min(120.f, static_cast<float>(snap.gate_queue[g]) * 0.5f);
      dl->AddRectFilled(ImVec2(p.x + 40, p.y - 10 - h), ImVec2(p.x + 48, p.y - 10), IM_COL32(230, 159, 0, 255));
      char text[64];
      std::snprintf(text, sizeof text, "%d waiting", snap.gate_queue[g] + snap.gate_spillback[g]);
      dl->AddText(ImVec2(p.x + 52, p.y - 24), IM_COL32(240, 240, 240, 255), text);
      if (snap.gate_spillback[g] > 0) {
        const auto& entry = layout.node(layout.node_index(side.config->gates[g].entry));
        const Vec2 e = to_screen(view, bounds, {static_cast<float>(entry.x_m), static_cast<float>(entry.y_m)});
        dl->AddTriangleFilled(ImVec2(e.x, e.y - 26), ImVec2(e.x - 8, e.y - 12), ImVec2(e.x + 8, e.y - 12), IM_COL32(213, 94, 0, 255));
        std::snprintf(text, sizeof text, "spill-back %d", snap.gate_spillback[g]);
        dl->AddText(ImVec2(e.x + 10, e.y - 28), IM_COL32(213, 94, 0, 255), text);
      }
    }
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      const Vec2 p{io.MousePos.x, io.MousePos.y};
      state.selected_truck.reset();
      state.selected_lane.reset();
      state.selected_gate.reset();
      if (const TruckMark* t = pick_truck(marks, p)) {
        state.selected_truck = t->id;
      } else {
        for (const auto& lb : boxes) {
          if (Rect{lb.box.x - 2, lb.box.y - 2, lb.box.w + 4, lb.box.h + 4}.contains(p)) state.selected_lane = {{lb.gate, lb.lane}};
        }
        for (std::size_t g = 0; g < side.config->gates.size() && !state.selected_lane; ++g) {
          const Vec2 gp = gate_position(layout, *side.config, static_cast<int>(g), view, bounds);
          if (std::hypot(gp.x - p.x, gp.y - p.y) < 30) state.selected_gate = static_cast<int>(g);
        }
      }
    }
    // Metre scale, bottom left.
    const Vec2 m0 = to_screen(view, bounds, {bounds.min_x, bounds.min_y});
    const Vec2 m1 = to_screen(view, bounds, {bounds.min_x + 100, bounds.min_y});
    const ScaleBar bar = scale_bar(std::hypot(m1.x - m0.x, m1.y - m0.y) / 100.0, 160);
    const ImVec2 s0(canvas.x + 16, canvas.y + canvas.h - 18);
    dl->AddLine(s0, ImVec2(s0.x + bar.pixels, s0.y), IM_COL32(240, 240, 240, 255), 2);
    dl->AddLine(ImVec2(s0.x, s0.y - 5), ImVec2(s0.x, s0.y + 1), IM_COL32(240, 240, 240, 255), 2);
    dl->AddLine(ImVec2(s0.x + bar.pixels, s0.y - 5), ImVec2(s0.x + bar.pixels, s0.y + 1), IM_COL32(240, 240, 240, 255), 2);
    dl->AddText(ImVec2(s0.x + bar.pixels + 6, s0.y - 8), IM_COL32(240, 240, 240, 255), bar.label.c_str());
    char title[160];
    std::snprintf(title, sizeof title, "%s   %s   %zu trucks in view", side.config->name.c_str(),
                  clock_text(state.ctl.clock()).c_str(), marks.size());
    dl->AddText(ImVec2(canvas.x + 10, canvas.y + 8), IM_COL32(255, 255, 255, 255), title);
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

namespace {

void draw_controls(VizState& state) {
  VizController& ctl = state.ctl;
  ImGui::Text("%s", clock_text(ctl.clock()).c_str());
  if (ImGui::Button(ctl.playing() ? "Pause" : "Play")) ctl.set_playing(!ctl.playing());
  ImGui::SameLine();
  if (ImGui::Button("Step 1 min")) ctl.step(std::chrono::minutes(1));
  ImGui::SameLine();
  if (ImGui::Button("Restart")) ctl.restart();
  float speed = ctl.speed();
  ImGui::SetNextItemWidth(200);
  if (ImGui::SliderFloat("speed, x real time", &speed, 1.0f, 10000.0f, "%.0fx", ImGuiSliderFlags_Logarithmic)) {
    ctl.set_speed(speed);
  }
  // The field shows the clock (as time since the start) until the user edits it; Enter or the
  // button jumps to what was typed.
  if (!state.jump_edited) {
    const auto minute = std::chrono::duration_cast<std::chrono::minutes>(ctl.clock().time_since_epoch());
    std::snprintf(state.jump_text, sizeof state.jump_text, "%s", kernel::format_duration(minute).c_str());
  }
  ImGui::SetNextItemWidth(120);
  const bool enter = ImGui::InputText("##jump", state.jump_text, sizeof state.jump_text, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) state.jump_edited = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("time since the start: 6h, 90min, 2d");
  ImGui::SameLine();
  if (ImGui::Button("Jump to time") || enter) {
    state.jump_edited = false;
    try {
      ctl.jump_to(kernel::time_zero + kernel::parse_duration(state.jump_text));
      state.status.clear();
    } catch (const kernel::DurationError& e) {
      state.status = e.what();
    }
  }
  if (!ctl.replaying()) {
    int seed = static_cast<int>(ctl.seed());
    ImGui::SetNextItemWidth(200);
    if (ImGui::InputInt("seed", &seed) && seed >= 0) ctl.set_seed(static_cast<std::uint64_t>(seed));
    if (ImGui::Button("Restart with a new seed")) ctl.restart_with_new_seed();
  }
  if (!state.status.empty()) ImGui::TextWrapped("%s", state.status.c_str());
}

void draw_kpis(const VizController& ctl, const Side& side) {
  const auto snap = ctl.snapshot(side);
  const auto counts = count_by_state(snap);
  const kernel::SimTime now = ctl.clock();
  ImGui::TextDisabled("now, %s", clock_text(now).c_str());
  ImGui::Text("trucks in system  %zu", snap.trucks.size());
  ImGui::Text("waiting (lanes)   %d", counts[static_cast<std::size_t>(port::TruckState::Queued)]);
  ImGui::Text("spilled back      %d", counts[static_cast<std::size_t>(port::TruckState::SpilledBack)]);
  ImGui::Text("customs system    %s", snap.system_up ? "up" : "DOWN");
  const auto& th = side.throughput;
  if (!th.times().empty()) {
    const kernel::SimTime end = th.times().back();
    ImGui::TextDisabled("last full hour, %s-%s (queue sampled every 5 min)", hour_minute(end - std::chrono::hours(1)).c_str(),
                        hour_minute(end).c_str());
    ImGui::Text("exits             %.0f trucks", th.values().back());
    float waiting = 0;
    for (const auto& q : side.gate_queue) waiting += q.mean_over(end, std::chrono::hours(1));
    ImGui::Text("waiting, mean     %.1f trucks, all gates", waiting);
  }
  if (side.run) {
    const kernel::SimTime from = kernel::time_zero + side.config->warmup;
    if (now <= from) {
      ImGui::TextDisabled("run KPIs start after the warm-up, at %s", clock_text(from).c_str());
      return;
    }
    ImGui::TextDisabled("since %s (the run's KPIs so far)", clock_text(from).c_str());
    const auto k = side.run->kpis();
    ImGui::Text("trucks exited     %llu", static_cast<unsigned long long>(snap.trucks_exited));
    ImGui::Text("turn time mean    %.1f min   p95 %.1f min", kpi(k, "turn_time_mean"), kpi(k, "turn_time_p95"));
    ImGui::Text("throughput        %.0f trucks/h", kpi(k, "throughput_per_hour"));
    ImGui::Text("utilisation  lanes %.2f  devices %.2f  officers %.2f", kpi(k, "lane_utilization"),
                kpi(k, "device_utilization"), kpi(k, "officer_utilization"));
    ImGui::Text("caught / missed   %.0f / %.0f", kpi(k, "noncompliant_caught"), kpi(k, "noncompliant_missed"));
  }
}

void draw_charts(const Side& side) {
  for (std::size_t g = 0; g < side.gate_queue.size(); ++g) {
    const std::string gate = side.config ? side.config->gates[g].id : "?";
    draw_time_chart("waiting at " + gate + ", incl. spill-back, every 5 min", "trucks", side.gate_queue[g], false,
                    {});
  }
  draw_time_chart("exits per hour", "trucks", side.throughput, true, std::chrono::hours(1));
  if (side.run) draw_histogram_chart("turn time of exited trucks", "min", side.run->turn_histogram());
}

void draw_whatif(VizController& ctl) {
  Levers l = ctl.levers();
  ImGui::SliderInt("lanes (first group)", &l.lanes, 1, 40);
  ImGui::SliderFloat("electronic declarations", &l.electronic_share, 0.0f, 1.0f - l.pre_arrival_share, "%.2f");
  ImGui::SliderFloat("pre-arrival declarations", &l.pre_arrival_share, 0.0f, 1.0f - l.electronic_share, "%.2f");
  ImGui::SliderFloat("inspection (red) rate", &l.red_rate, 0.0f, 0.2f, "%.3f");
  ImGui::SliderFloat("document check (yellow) rate", &l.yellow_rate, 0.0f, 0.3f, "%.3f");
  ImGui::Checkbox("lane devices on", &l.devices_on);
  if (l.ocr_device >= 0) ImGui::SliderFloat("OCR accuracy", &l.ocr_accuracy, 0.5f, 1.0f, "%.3f");
  ctl.set_levers(l);
  if (ImGui::Button("Apply and restart")) ctl.apply_levers();
}

void draw_details(const VizState& state) {
  const Side& side = state.ctl.a();
  if (state.selected_truck && side.run) {
    ImGui::Text("truck %u", static_cast<unsigned>(*state.selected_truck));
    for (const auto& e : side.run->timeline(*state.selected_truck)) {
      ImGui::BulletText("%s  %s", clock_text(e.time).c_str(), port::to_string(e.kind).c_str());
    }
  } else if (state.selected_lane) {
    const auto snap = state.ctl.snapshot(side);
    for (const auto& l : snap.lanes) {
      if (l.gate != state.selected_lane->first || l.lane != state.selected_lane->second) continue;
      const auto& lc = side.config->gates[static_cast<std::size_t>(l.gate)].lanes[static_cast<std::size_t>(l.lane)];
      ImGui::Text("lane %s (%s): %s, queue %d", lc.id.c_str(), port::to_string(lc.kind).c_str(),
                  to_string(lane_look(l)).c_str(), l.queue);
      for (const auto& d : lc.devices) ImGui::BulletText("device %s", d.c_str());
    }
  } else if (state.selected_gate) {
    const auto snap = state.ctl.snapshot(side);
    const auto g = static_cast<std::size_t>(*state.selected_gate);
    ImGui::Text("gate %s: %zu lanes, %d waiting, %d on the public road", side.config->gates[g].id.c_str(),
                side.config->gates[g].lanes.size(), snap.gate_queue[g], snap.gate_spillback[g]);
  } else {
    ImGui::TextDisabled("click a truck, lane or gate on the map");
  }
}

void draw_legend() {
  for (const auto& e : legend()) {
    ImGui::ColorButton(e.label.c_str(), ImVec4(e.colour.r / 255.f, e.colour.g / 255.f, e.colour.b / 255.f, 1.f),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::TextUnformatted(e.label.c_str());
  }
}

}  // namespace

void draw_side_panel(VizState& state) {
  ImGui::SetNextWindowPos(ImVec2(static_cast<float>(state.window_w) - 420, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(420, static_cast<float>(state.window_h)), ImGuiCond_Always);
  if (ImGui::Begin("PortSim", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse)) {
    if (ImGui::CollapsingHeader("Time", ImGuiTreeNodeFlags_DefaultOpen)) draw_controls(state);
    if (ImGui::CollapsingHeader("Live KPIs", ImGuiTreeNodeFlags_DefaultOpen)) draw_kpis(state.ctl, state.ctl.a());
    if (ImGui::CollapsingHeader("Charts", ImGuiTreeNodeFlags_DefaultOpen)) draw_charts(state.ctl.a());
    if (!state.ctl.replaying() && ImGui::CollapsingHeader("What-if")) draw_whatif(state.ctl);
    if (ImGui::CollapsingHeader("Details", ImGuiTreeNodeFlags_DefaultOpen)) draw_details(state);
    if (ImGui::CollapsingHeader("Legend", ImGuiTreeNodeFlags_DefaultOpen)) draw_legend();
  }
  ImGui::End();
}

void draw_compare_table(const VizController& ctl, Rect area) {
  const Side& a = ctl.a();
  const Side* b = ctl.b();
  if (b == nullptr || !a.run || !b->run) return;
  ImGui::SetNextWindowPos(ImVec2(area.x, area.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(area.w, area.h), ImGuiCond_Always);
  if (ImGui::Begin("Comparison (same seed, same clock)", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    const auto ka = a.run->kpis(), kb = b->run->kpis();
    ImGui::TextDisabled("the run's KPIs from %s to %s, one replication each (no confidence interval: use portsim compare)",
                        clock_text(kernel::time_zero + a.config->warmup).c_str(), clock_text(ctl.clock()).c_str());
    if (ImGui::BeginTable("diff", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("KPI");
      ImGui::TableSetupColumn("unit");
      ImGui::TableSetupColumn(a.config->name.c_str());
      ImGui::TableSetupColumn(b->config->name.c_str());
      ImGui::TableSetupColumn("difference");
      ImGui::TableHeadersRow();
      for (const std::string& kpi_name : experiment::viewer_comparison_kpis()) {
        const char* name = kpi_name.c_str();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kpi_unit(ka, name).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", kpi(ka, name));
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", kpi(kb, name));
        ImGui::TableNextColumn();
        ImGui::Text("%+.2f", kpi(kb, name) - kpi(ka, name));
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

void draw_error(const VizState& state) {
  if (state.ctl.error().empty()) return;
  ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(static_cast<float>(state.window_w) - 500, 300), ImGuiCond_Always);
  if (ImGui::Begin("Error", nullptr, ImGuiWindowFlags_NoMove)) {
    ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "The scenario could not be loaded or run:");
    ImGui::TextWrapped("%s", state.ctl.error().c_str());
  }
  ImGui::End();
}

}  // namespace portsim::viz
