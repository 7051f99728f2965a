// Programmer-mistake checks (STYLE.md section 6): active in Debug and sanitizer builds.
#pragma once

#include <cstdio>
#include <cstdlib>

#if !defined(NDEBUG) || defined(PORTSIM_ASSERTIONS)
#define PORTSIM_ASSERT(cond, rule)                                                                \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, rule, #cond); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)
#else
#define PORTSIM_ASSERT(cond, rule) \
  do {                             \
  } while (false)
#endif
