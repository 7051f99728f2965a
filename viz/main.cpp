// portsim-viz: set up GLFW and ImGui; loop (poll, new frame, draw panels, render, swap); shut down
// in reverse order. What the simulation does is the controller's (viz_controller.hpp), which
// advances the model only through sim/experiment (LiveRun) and reads it through snapshots.
#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "sim/io/input_error.hpp"
#include "sim/io/trace.hpp"
#include "viz/panels.hpp"

namespace pv = portsim::viz;
namespace k = portsim::kernel;

namespace {

/// Saves the framebuffer as PNG through a temporary file; false on failure.
bool save_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL rows start at the bottom.
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h / 2; ++y) {
    std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row),
                     pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y + 1) * row),
                     pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(h - 1 - y) * row));
  }
  const std::string tmp = path + ".tmp.png";
  if (stbi_write_png(tmp.c_str(), w, h, 4, pixels.data(), static_cast<int>(row)) == 0) return false;
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

void glfw_error(int code, const char* text) { std::fprintf(stderr, "portsim-viz: GLFW error %d: %s\n", code, text); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"portsim-viz: watch a PortSim scenario run, compare two, or replay a trace"};
  std::string scenario, compare, replay, screenshot, at = "0s", overrides_note;
  std::vector<std::string> sets;
  std::uint64_t seed = 1;
  float speed = 60;
  int width = 1280, height = 800, bench_frames = 0;
  app.add_option("scenario", scenario, "scenario YAML file");
  app.add_option("--compare", compare, "second scenario, run in lockstep with common random numbers");
  app.add_option("--seed", seed, "master seed");
  app.add_option("--speed", speed, "simulated seconds per real second (1 to 10000)")->check(CLI::Range(1.0, 10000.0));
  app.add_option("--replay", replay, "trace file written by portsim run --trace");
  app.add_option("--screenshot", screenshot, "save a PNG of the window at --at, then exit");
  app.add_option("--at", at, "simulated time of the screenshot (e.g. 6h)");
  app.add_option("--set", sets, "override a scenario value: key.path=value");
  app.add_option("--width", width, "window width")->check(CLI::Range(800, 4000));
  app.add_option("--height", height, "window height")->check(CLI::Range(600, 3000));
  app.add_option("--bench-frames", bench_frames, "render this many frames at --at and report the frame time");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "portsim-viz: error: " << e.what() << "\n";
    return 2;
  }

  pv::VizState state;
  pv::VizController& ctl = state.ctl;
  ctl.set_speed(speed);
  state.window_w = width;
  state.window_h = height;
  k::Duration at_time{};
  std::optional<portsim::io::Trace> trace;
  try {
    at_time = k::parse_duration(at);
    if (!replay.empty()) {
      trace = portsim::io::read_trace(replay);
      scenario = trace->scenario_file;
    }
  } catch (const k::DurationError& e) {
    std::cerr << "command line: error: --at: " << e.what() << "\n";
    return 2;
  } catch (const portsim::io::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  if (scenario.empty()) {
    std::cerr << "portsim-viz: error: give a scenario file or --replay TRACE (see --help)\n";
    return 2;
  }
  const bool loaded = trace ? ctl.open_replay(std::move(*trace), sets) : ctl.open(scenario, sets, seed);
  if (!compare.empty()) ctl.open_compare(compare);
  // Without a window to show it in, a bad scenario is reported on stderr with exit code 2.
  glfwSetErrorCallback(glfw_error);
  if (glfwInit() == 0) {
    std::cerr << "portsim-viz: error: cannot open a window (no display?): run it under a desktop session or "
                 "xvfb-run\n";
    if (!loaded) std::cerr << ctl.error() << "\n";
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  if (!screenshot.empty() || bench_frames > 0) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(width, height, "PortSim", nullptr, nullptr);
  if (window == nullptr) {
    std::cerr << "portsim-viz: error: cannot create an OpenGL 3.0 window\n";
    if (!loaded) std::cerr << ctl.error() << "\n";
    glfwTerminate();
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot.empty() && bench_frames == 0 ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  if ((!screenshot.empty() || bench_frames > 0) && ctl.error().empty()) ctl.jump_to(k::time_zero + at_time);
  if (!screenshot.empty() || bench_frames > 0) ctl.set_playing(false);
  int frame = 0;
  std::uint64_t bench_events0 = 0;
  k::SimTime bench_clock0{};
  auto bench_phase2 = std::chrono::steady_clock::now();
  double bench_step_seconds = 0;
  auto last = std::chrono::steady_clock::now();
  const auto bench_start = std::chrono::steady_clock::now();
  while (glfwWindowShouldClose(window) == 0) {
    glfwPollEvents();
    const auto now = std::chrono::steady_clock::now();
    ctl.advance(std::chrono::duration<double>(now - last).count());
    last = now;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    glfwGetFramebufferSize(window, &state.window_w, &state.window_h);
    const bool cmp = ctl.b() != nullptr;
    pv::draw_map(state, ctl.a(), state.view_a, "Map A", pv::map_canvas(state.window_w, state.window_h, cmp, 0));
    if (cmp) {
      pv::draw_map(state, *ctl.b(), state.view_b, "Map B", pv::map_canvas(state.window_w, state.window_h, cmp, 1));
      const pv::Rect m = pv::map_canvas(state.window_w, state.window_h, cmp, 0);
      pv::draw_compare_table(ctl, {0, m.h, static_cast<float>(state.window_w) - 420, static_cast<float>(state.window_h) - m.h});
    }
    pv::draw_side_panel(state);
    pv::draw_error(state);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) ctl.set_playing(!ctl.playing());
    const bool save_key = ImGui::IsKeyPressed('S') && !ImGui::GetIO().WantTextInput;
    ImGui::Render();
    glViewport(0, 0, state.window_w, state.window_h);
    glClearColor(0.09f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frame;
    if (save_key) {
      const std::string name = "portsim-" + std::to_string(ctl.clock().time_since_epoch().count() / 1000) + "s.png";
      state.status = save_screenshot(name, state.window_w, state.window_h) ? "saved " + name : "could not save " + name;
    }
    if (!screenshot.empty() && frame == 3) {  // ImGui lays windows out over the first frames
      if (!save_screenshot(screenshot, state.window_w, state.window_h)) {
        std::cerr << "portsim-viz: error: cannot write " << screenshot << "\n";
        exit_code = 1;
      } else {
        std::cout << "saved " << screenshot << " at " << pv::clock_text(ctl.clock()) << "\n";
      }
      if (!ctl.error().empty()) exit_code = 2;
      break;
    }
    if (bench_frames > 0 && frame == bench_frames) {
      // Phase 1 done: frames of a static picture.
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - bench_start).count();
      const auto snap = ctl.snapshot(ctl.a());
      std::cout << "frames " << frame << ", trucks in view " << snap.trucks.size() << ", mean frame time "
                << 1000.0 * secs / frame << " ms (" << frame / secs << " fps)\n";
      bench_events0 = ctl.a().run ? ctl.a().run->events() : 0;
      bench_clock0 = ctl.clock();
      bench_phase2 = std::chrono::steady_clock::now();
    }
    if (bench_frames > 0 && frame > bench_frames) {
      // Phase 2: the simulation advances 60 simulated seconds per drawn frame.
      const auto s0 = std::chrono::steady_clock::now();
      ctl.step(std::chrono::seconds(60));
      bench_step_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
      if (frame == 2 * bench_frames) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - bench_phase2).count();
        const double events = static_cast<double>(ctl.a().run->events() - bench_events0);
        std::cout << "window loop: " << events / (frame - bench_frames) << " events per frame, " << events / secs / 1e6
                  << " M events/s of wall time, " << events / bench_step_seconds / 1e6
                  << " M events/s of the time spent simulating\n";
        const double with_window = events / bench_step_seconds;
        // The same stretch of simulated time without a window.
        portsim::experiment::LiveRun headless(*ctl.a().config, ctl.seed());
        headless.step_until(bench_clock0);
        const auto e0 = headless.events();
        const auto t0 = std::chrono::steady_clock::now();
        for (auto t = bench_clock0; t < ctl.clock();) {
          t += std::chrono::seconds(60);
          headless.step_until(t);
          (void)headless.snapshot();
        }
        const double hsecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cout << "simulating with the window: " << with_window / 1e6 << " M events/s; headless (same steps): "
                  << static_cast<double>(headless.events() - e0) / hsecs / 1e6 << " M events/s\n";
        break;
      }
    }
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
