#include "base/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "base/heap.h"

namespace timeline {

Progress::Progress(bool allowed) : enabled_(allowed && ::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { clear(); }

void Progress::update(std::string_view what, std::size_t done, std::size_t total) {
    advise_heap();  // progress is reported as the heap grows: files read, sections and pages set
    if (!enabled_) return;
    const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now().time_since_epoch())
                              .count();
    if (shown_ && now - last_ms_ < 100 && done < total) return;
    last_ms_ = now;
    std::string line = "\r\033[K" + std::string(what);
    if (total > 0) line += " (" + std::to_string(done) + "/" + std::to_string(total) + ")";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    shown_ = true;
}

void Progress::clear() {
    if (!enabled_ || !shown_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace timeline
