// Shared by the fuzz harnesses (docs/robustness.md, "Fuzzing"). Each harness defines
// LLVMFuzzerTestOneInput: built with TIMELINE_FUZZ it is a libFuzzer program, otherwise
// replay.cpp runs it over files (the regression inputs in fuzz/regressions/, with the tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// A property every input must keep (a round trip, an ordering): a failure is a finding,
// reported like a crash.
#define FUZZ_CHECK(cond)                                                                      \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                     \
        }                                                                                     \
    } while (false)

namespace timeline::fuzz {

inline std::string_view input(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace timeline::fuzz
