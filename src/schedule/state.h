// The lock of a state directory (docs/scheduling.md, "State"): DIR/lock is held (flock) by
// the one scheduler that uses the directory's SQLite state (DIR/state.db, store.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "schedule/slots.h"

namespace timeline::schedule {

// An exclusive lock on a state directory (flock on DIR/lock, released by the kernel when
// the process ends, even by kill -9). The holder's pid is written into the file.
class DirLock {
public:
    enum class Result { acquired, busy, error };
    // `message` tells who holds it (busy) or what failed (error).
    static Result acquire(const std::string& dir, DirLock& lock, std::string& message);
    DirLock() = default;
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    DirLock(DirLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    DirLock& operator=(DirLock&& o) noexcept;
    ~DirLock();
    bool held() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

}  // namespace timeline::schedule
