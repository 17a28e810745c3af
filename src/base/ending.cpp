#include "base/ending.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

// Sanitizers check the heap at exit: end normally under them.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TL_END_NORMALLY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TL_END_NORMALLY 1
#endif
#endif

namespace timeline {

namespace detail {
std::vector<std::shared_ptr<void>>& kept_objects() {
    static std::vector<std::shared_ptr<void>> kept;
    return kept;
}
}  // namespace detail

void end_process(int status) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
#if defined(TL_END_NORMALLY) || !defined(__linux__)
    std::exit(status);
#else
    ::_exit(status);
#endif
}

}  // namespace timeline
