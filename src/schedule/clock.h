// The scheduler's sense of time, injectable so that tests can run weeks of schedule in
// seconds (SimulatedClock) while the service uses the system clock.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

#include "schedule/slots.h"

namespace timeline::schedule {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() = 0;
    // Called with `lock` held (and returns with it held): waits until `deadline` has come
    // (none: indefinitely) or until `woken()` holds after `cv` is notified. `busy` says that
    // tasks are running and will notify `cv` when they end. `poll` (real time) says that the
    // caller waits for something outside the process (another node's claim on a shared
    // state) and must look again after that long, whatever the deadline. May return early;
    // the caller re-checks.
    virtual void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                            std::optional<Instant> deadline, const std::function<bool()>& woken, bool busy,
                            std::optional<std::chrono::milliseconds> poll) = 0;
};

// Wall-clock time (system_clock, whole seconds). Waits at most 30 s at a time so that a
// clock step or a suspended machine is noticed soon.
class SystemClock final : public Clock {
public:
    Instant now() override;
    void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::optional<Instant> deadline,
                    const std::function<bool()>& woken, bool busy,
                    std::optional<std::chrono::milliseconds> poll) override;
};

// Simulated time: no time passes while tasks run (it waits for them in real time), nor while
// the scheduler waits for another node (it polls in real time); otherwise a wait jumps
// straight to its deadline.
class SimulatedClock final : public Clock {
public:
    explicit SimulatedClock(Instant start) : now_(start) {}
    Instant now() override;
    void set(Instant t);
    void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::optional<Instant> deadline,
                    const std::function<bool()>& woken, bool busy,
                    std::optional<std::chrono::milliseconds> poll) override;

private:
    std::mutex mu_;
    Instant now_;
};

}  // namespace timeline::schedule
