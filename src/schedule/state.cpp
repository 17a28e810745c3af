#include "schedule/state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace timeline::schedule {

DirLock::Result DirLock::acquire(const std::string& dir, DirLock& lock, std::string& message) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        message = "cannot create state directory " + dir + ": " + ec.message();
        return Result::error;
    }
    const std::string path = dir + "/lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        message = "cannot open " + path + ": " + std::strerror(errno);
        return Result::error;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char buf[32] = {};
        const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        ::close(fd);
        if (err == EWOULDBLOCK) {
            std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
            while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
            message = "another scheduler" + (pid.empty() ? std::string() : " (pid " + pid + ")") +
                      " is using state directory " + dir + " (lock " + path + ")";
            return Result::busy;
        }
        message = "cannot lock " + path + ": " + std::strerror(err);
        return Result::error;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The pid is only informative; the lock itself is held.
    }
    lock = DirLock();
    lock.fd_ = fd;
    return Result::acquired;
}

DirLock& DirLock::operator=(DirLock&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        o.fd_ = -1;
    }
    return *this;
}

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace timeline::schedule
