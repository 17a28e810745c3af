#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace timeline {

std::optional<std::string> read_file(const std::string& path, Diagnostics& diags, std::size_t max_bytes) {
    if (path == kStandardInput) return read_standard_input(diags, max_bytes);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        diags.error("io-read", "is a directory, not a file", path);
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error("io-read", std::string("cannot open: ") + std::strerror(errno), path);
        return std::nullopt;
    }
    const auto size = std::filesystem::file_size(path, ec);
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

bool write_file_atomic(const std::string& path, const std::string& content, Diagnostics& diags) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        diags.error("io-write", std::string("cannot create temporary file: ") + std::strerror(errno), path);
        return false;
    }
    auto fail = [&](const char* what) {
        const std::string reason = std::string(what) + ": " + std::strerror(errno);
        ::close(fd);
        ::unlink(tmpl.c_str());
        diags.error("io-write", reason, path);
        return false;
    };
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) return fail("chmod failed");
    if (::fsync(fd) != 0) return fail("fsync failed");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        diags.error("io-write", std::string("close failed: ") + std::strerror(errno), path);
        return false;
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string reason = std::string("rename failed: ") + std::strerror(errno);
        ::unlink(tmpl.c_str());
        diags.error("io-write", reason, path);
        return false;
    }
    return true;
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
