#include "base/files.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace timeline {

namespace fs = std::filesystem;

std::string byte_size_text(std::size_t bytes) {
    static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB"};
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double v = static_cast<double>(bytes);
    int unit = -1;
    while (v >= 1024 && unit < 2) v /= 1024, ++unit;
    char buf[32];
    if (v == static_cast<double>(static_cast<long long>(v))) std::snprintf(buf, sizeof buf, "%lld %s", static_cast<long long>(v), kUnits[unit]);
    else std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
    return buf;
}

std::optional<std::string> read_file(const std::string& path, Diagnostics& diags, std::size_t max_bytes) {
    if (path == kStandardInput) return read_standard_input(diags, max_bytes);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        diags.error("io-read", "is a directory, not a file", path);
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error("io-read", std::string("cannot open: ") + std::strerror(errno), path);
        return std::nullopt;
    }
    const auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : static_cast<std::uintmax_t>(0);
    if (!ec && size > max_bytes) {
        diags.error("file-too-large",
                    "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes), path);
        return std::nullopt;
    }
    std::string content;
    if (!ec) content.reserve(static_cast<std::size_t>(size));
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        content.append(buf, static_cast<std::size_t>(in.gcount()));
        if (content.size() > max_bytes) {
            diags.error("file-too-large", "file exceeds the limit of " + std::to_string(max_bytes) + " bytes", path);
            return std::nullopt;
        }
    }
    if (in.bad()) {
        diags.error("io-read", "read failed", path);
        return std::nullopt;
    }
    return content;
}

std::optional<MappedFile> MappedFile::open(const std::string& path, std::size_t max_bytes, const std::string& what,
                                           Diagnostics& diags) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        diags.error("io-read", "cannot open " + what + ": " + std::strerror(errno), path);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        diags.error("io-read", "cannot read " + what + ": " + std::strerror(errno), path);
        ::close(fd);
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        diags.error("file-not-regular",
                    what + " is not a regular file (a directory, device or pipe); name the file itself", path);
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes) {
        diags.error("file-too-large",
                    what + " is " + byte_size_text(size) + "; the limit is " + byte_size_text(max_bytes), path);
        ::close(fd);
        return std::nullopt;
    }
    MappedFile m;
    if (size > 0) {
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            diags.error("io-read", "cannot read " + what + ": " + std::strerror(errno), path);
            ::close(fd);
            return std::nullopt;
        }
        m.data_ = p;
        m.size_ = size;
        m.fd_ = fd;
    } else {
        ::close(fd);
    }
    return m;
}

void MappedFile::copy(std::string_view part, char* out) const {
    const char* base = static_cast<const char*>(data_);
    std::size_t at = static_cast<std::size_t>(part.data() - base), done = 0;
    // Through the file while it reads (the same bytes: a private mapping of a file that is
    // not written to); whatever it does not give, from the mapping.
    while (fd_ >= 0 && done < part.size()) {
        const ssize_t n = ::pread(fd_, out + done, part.size() - done, static_cast<off_t>(at + done));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (done < part.size()) std::memcpy(out + done, part.data() + done, part.size() - done);
}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
    if (this != &o) {
        release();
        data_ = o.data_;
        size_ = o.size_;
        fd_ = o.fd_;
        o.data_ = nullptr;
        o.size_ = 0;
        o.fd_ = -1;
    }
    return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() {
    if (data_) ::munmap(data_, size_);
    if (fd_ >= 0) ::close(fd_);
}

// ---------------------------------------------------------------------------------------
// Temporary files removed on SIGINT/SIGTERM/SIGHUP. The handler may only use
// async-signal-safe calls: it walks a fixed table of paths and unlinks them.

namespace {

constexpr int kCleanupSlots = 32;
constexpr int kInterruptSignals[] = {SIGINT, SIGTERM, SIGHUP};

struct CleanupSlot {
    std::atomic<int> state{0};  // 0 free, 1 being filled or emptied, 2 holds a path
    char path[PATH_MAX] = {};
};

CleanupSlot g_cleanup[kCleanupSlots];
std::atomic<bool> g_guards_installed{false};

extern "C" void remove_temps_and_die(int sig) {
    const int saved = errno;
    for (CleanupSlot& s : g_cleanup)
        if (s.state.load() == 2) ::unlink(s.path);
    errno = saved;
    // SA_RESETHAND restored the default action: the signal, raised again, ends the process
    // as it would have without us (the shell sees 128 + sig).
    ::raise(sig);
}

int register_cleanup(const std::string& path) {
    if (path.size() >= PATH_MAX) return -1;
    for (int k = 0; k < kCleanupSlots; ++k) {
        int expected = 0;
        if (g_cleanup[k].state.compare_exchange_strong(expected, 1)) {
            std::memcpy(g_cleanup[k].path, path.c_str(), path.size() + 1);
            g_cleanup[k].state.store(2);
            return k;
        }
    }
    return -1;
}

void unregister_cleanup(int slot) {
    if (slot < 0) return;
    g_cleanup[slot].state.store(1);
    g_cleanup[slot].path[0] = '\0';
    g_cleanup[slot].state.store(0);
}

// Blocks the interrupt signals for its lifetime, so that a temporary file is never created
// without being registered for removal.
class InterruptsBlocked {
public:
    InterruptsBlocked() {
        sigset_t set;
        sigemptyset(&set);
        for (int sig : kInterruptSignals) sigaddset(&set, sig);
        pthread_sigmask(SIG_BLOCK, &set, &old_);
    }
    ~InterruptsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    InterruptsBlocked(const InterruptsBlocked&) = delete;
    InterruptsBlocked& operator=(const InterruptsBlocked&) = delete;

private:
    sigset_t old_{};
};

// ".NAME.tmp-"
std::string temp_prefix(const fs::path& target) { return "." + target.filename().string() + ".tmp-"; }

fs::path parent_dir(const fs::path& target) { return target.has_parent_path() ? target.parent_path() : fs::path("."); }

// Whether a temporary file (its name after the prefix: "PID-XXXXXX", or an older
// "XXXXXX") was left by a writer that is gone.
bool is_stale(const std::string& rest, const fs::path& file) {
    const std::size_t dash = rest.find('-');
    if (dash != std::string::npos && dash > 0 && dash <= 10 &&
        rest.find_first_not_of("0123456789") == dash) {
        const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
        if (pid > 0 && pid <= INT_MAX) return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    }
    std::error_code ec;
    const auto modified = fs::last_write_time(file, ec);
    return !ec && fs::file_time_type::clock::now() - modified > std::chrono::hours{1};
}

std::string efbig_hint() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
        return " (the file size limit, ulimit -f, is " + byte_size_text(static_cast<std::size_t>(lim.rlim_cur)) + ")";
    return {};
}

std::string errno_text(int err) { return std::strerror(err) + (err == EFBIG ? efbig_hint() : std::string()); }

}  // namespace

InterruptCleanup::InterruptCleanup(const std::string& path) : slot_(register_cleanup(path)) {}
InterruptCleanup::~InterruptCleanup() { unregister_cleanup(slot_); }

void install_write_guards() {
    if (g_guards_installed.exchange(true)) return;
    ::signal(SIGXFSZ, SIG_IGN);
    for (int sig : kInterruptSignals) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;  // e.g. nohup
        struct sigaction sa {};
        sa.sa_handler = remove_temps_and_die;
        sigemptyset(&sa.sa_mask);
        for (int s : kInterruptSignals) sigaddset(&sa.sa_mask, s);
        sa.sa_flags = SA_RESETHAND;
        ::sigaction(sig, &sa, nullptr);
    }
}

int remove_temp_files(const std::string& path, TempFiles which) {
    const fs::path target(path);
    const std::string prefix = temp_prefix(target);
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(parent_dir(target), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
        if (which == TempFiles::stale && !is_stale(name.substr(prefix.size()), it->path())) continue;
        std::error_code rm;
        if (fs::remove(it->path(), rm)) ++removed;
    }
    return removed;
}

std::unique_ptr<AtomicFile> AtomicFile::open(const std::string& path, Diagnostics& diags) {
    // The file is replaced by a rename: what stands at the path must be a file (a device such
    // as /dev/null, a pipe or a directory would be replaced by a regular file), and a link is
    // followed, so that the file it names is replaced and the link stays.
    std::error_code ec;
    const auto st = fs::status(path, ec);  // through a link: /dev/stdout names a device too
    if (!ec && fs::exists(st) && !fs::is_regular_file(st)) {
        diags.error("file-not-regular",
                    "the output is not a regular file (a directory, device or pipe), which writing would replace; "
                    "name a file, or \"-\" for standard output",
                    path);
        return nullptr;
    }
    fs::path target(path);
    if (fs::is_symlink(fs::symlink_status(target, ec)) && fs::exists(st)) target = fs::canonical(target, ec);
    if (ec) target = path;
    const fs::path dir = parent_dir(target);
    remove_temp_files(target.string(), TempFiles::stale);
    std::string tmpl = (dir / (temp_prefix(target) + std::to_string(::getpid()) + "-XXXXXX")).string();
    std::unique_ptr<AtomicFile> file;
    {
        InterruptsBlocked blocked;
        const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
        if (fd >= 0) {
            file.reset(new AtomicFile(target.string(), tmpl, fd, diags));
            file->cleanup_ = std::make_unique<InterruptCleanup>(tmpl);
        }
    }
    if (!file) diags.error("io-write", "cannot create temporary file: " + errno_text(errno), path);
    return file;
}

AtomicFile::AtomicFile(std::string path, std::string temp, int fd, Diagnostics& diags)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), diags_(diags) {}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
}

bool AtomicFile::fail(const char* what, int err) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temp_.empty()) ::unlink(temp_.c_str());
    temp_.clear();
    cleanup_.reset();
    diags_.error("io-write", std::string(what) + ": " + errno_text(err), path_);
    return false;
}

bool AtomicFile::write(std::string_view bytes) {
    if (fd_ < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed", errno);
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::commit() {
    if (fd_ < 0) return false;
    if (::fchmod(fd_, 0644) != 0) return fail("chmod failed", errno);
    if (::fsync(fd_) != 0) return fail("fsync failed", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return fail("close failed", errno);
    if (::rename(temp_.c_str(), path_.c_str()) != 0) return fail("rename failed", errno);
    temp_.clear();
    cleanup_.reset();
    // The rename is durable only once the directory entry is on disk (rename(2), fsync(2)).
    const fs::path dir = parent_dir(fs::path(path_));
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        diags_.error("io-write", "cannot open the directory to sync it: " + errno_text(errno), path_);
        return false;
    }
    const bool synced = ::fsync(dfd) == 0 || errno == EINVAL;  // EINVAL: the file system cannot sync directories
    const int err = errno;
    ::close(dfd);
    if (!synced) {
        diags_.error("io-write", "cannot sync the directory after the rename: " + errno_text(err), path_);
        return false;
    }
    return true;
}

bool write_file_atomic(const std::string& path, const std::string& content, Diagnostics& diags) {
    const auto file = AtomicFile::open(path, diags);
    return file && file->write(content) && file->commit();
}

std::optional<std::string> read_standard_input(Diagnostics& diags, std::size_t max_bytes) {
    static bool taken = false;
    if (taken) {
        diags.error("io-read", "standard input is already read by another argument; give a file name", kStandardInput);
        return std::nullopt;
    }
    taken = true;
    std::string content;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            diags.error("io-read", std::string("cannot read: ") + std::strerror(errno), kStandardInput);
            return std::nullopt;
        }
        content.append(buf, static_cast<std::size_t>(n));
        if (content.size() > max_bytes) {
            diags.error("file-too-large", "input exceeds the limit of " + std::to_string(max_bytes) + " bytes",
                        kStandardInput);
            return std::nullopt;
        }
    }
    return content;
}

}  // namespace timeline
