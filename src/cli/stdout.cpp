#include "cli/stdout.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "cli/exit_codes.h"

namespace timeline::cli {
namespace {

// A stream buffer over file descriptor 1 that keeps the errno of the first failed write and
// drops everything after it.
class CheckedBuffer final : public std::streambuf {
public:
    CheckedBuffer() { setp(buffer_, buffer_ + sizeof buffer_); }

    int error() const { return error_; }

    bool flush_all() {
        const bool ok = drain(pbase(), static_cast<std::size_t>(pptr() - pbase()));
        setp(buffer_, buffer_ + sizeof buffer_);
        return ok;
    }

protected:
    int_type overflow(int_type c) override {
        if (!flush_all()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n >= static_cast<std::streamsize>(sizeof buffer_)) {  // large blocks go straight out
            if (!flush_all() || !drain(s, static_cast<std::size_t>(n))) return 0;
            return n;
        }
        return std::streambuf::xsputn(s, n);
    }

    int sync() override { return flush_all() ? 0 : -1; }

private:
    bool drain(const char* data, std::size_t size) {
        if (error_ != 0) return false;
        while (size > 0) {
            const ssize_t n = ::write(STDOUT_FILENO, data, size);
            if (n < 0) {
                if (errno == EINTR) continue;
                error_ = errno;
                return false;
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }

    char buffer_[1 << 16];
    int error_ = 0;
};

CheckedBuffer& buffer() {
    static CheckedBuffer b;
    return b;
}

}  // namespace

void install_checked_stdout() {
    ::signal(SIGPIPE, SIG_IGN);
    std::cout.rdbuf(&buffer());
}

void write_stdout(std::string_view bytes) { std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

int finish_stdout(int status) {
    std::cout.flush();
    buffer().flush_all();
    const int error = buffer().error();
    if (error == 0) return status;
    if (error != EPIPE) std::cerr << "timeline: cannot write to standard output: " << std::strerror(error) << '\n';
    return kInternal;
}

}  // namespace timeline::cli
