#include "schedule/clock.h"

#include <algorithm>

namespace timeline::schedule {

Instant SystemClock::now() { return date::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

void SystemClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                             std::optional<Instant> deadline, const std::function<bool()>& woken, bool /*busy*/,
                             std::optional<std::chrono::milliseconds> poll) {
    auto limit = std::chrono::system_clock::now() + std::chrono::seconds{30};
    if (poll) limit = std::min(limit, std::chrono::system_clock::now() + *poll);
    if (deadline && *deadline < limit) limit = *deadline;
    cv.wait_until(lock, limit, woken);
}

Instant SimulatedClock::now() {
    std::lock_guard<std::mutex> g(mu_);
    return now_;
}

void SimulatedClock::set(Instant t) {
    std::lock_guard<std::mutex> g(mu_);
    now_ = t;
}

void SimulatedClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                                std::optional<Instant> deadline, const std::function<bool()>& woken, bool busy,
                                std::optional<std::chrono::milliseconds> poll) {
    if (woken()) return;
    if (poll) {
        cv.wait_for(lock, *poll, woken);
        return;
    }
    if (busy || !deadline) {
        cv.wait(lock, woken);
        return;
    }
    std::lock_guard<std::mutex> g(mu_);
    if (*deadline > now_) now_ = *deadline;
}

}  // namespace timeline::schedule
