#include "schedule/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace timeline::schedule {

namespace {

constexpr std::size_t kKeepBytes = 8192;

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, std::stop_token stop,
                          std::chrono::milliseconds kill_after) {
    ProcessResult result;
    if (argv.empty()) {
        result.end = ProcessResult::End::failed_to_start;
        result.error = "no command";
        return result;
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        result.end = ProcessResult::End::failed_to_start;
        result.error = std::string("pipe: ") + std::strerror(errno);
        return result;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        result.end = ProcessResult::End::failed_to_start;
        result.error = std::string("fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return result;
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls until execv.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        const int in = ::open("/dev/null", O_RDONLY);
        if (in >= 0) ::dup2(in, 0);
        ::dup2(fds[1], 1);
        ::dup2(fds[1], 2);
        ::execv(args[0], args.data());
        const char msg[] = "cannot execute the report command\n";
        if (::write(2, msg, sizeof msg - 1) < 0) {
        }
        ::_exit(127);
    }
    ::close(fds[1]);
    using steady = std::chrono::steady_clock;
    const auto deadline = steady::now() + timeout;
    std::optional<steady::time_point> term_sent;
    bool killed = false;
    char buf[4096];
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int r = ::poll(&p, 1, 100);
        if (r > 0) {
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n == 0) break;
            if (n > 0) {
                result.output.append(buf, static_cast<std::size_t>(n));
                if (result.output.size() > 2 * kKeepBytes) result.output.erase(0, result.output.size() - kKeepBytes);
            } else if (errno != EINTR && errno != EAGAIN) {
                break;
            }
        }
        const auto now = steady::now();
        if (!killed && now >= deadline) {
            ::kill(-pid, SIGKILL);
            killed = true;
            result.end = ProcessResult::End::timed_out;
        } else if (!killed && stop.stop_requested()) {
            if (!term_sent) {
                ::kill(-pid, SIGTERM);
                term_sent = now;
                result.end = ProcessResult::End::stopped;
            } else if (now - *term_sent >= kill_after) {
                ::kill(-pid, SIGKILL);
                killed = true;
            }
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (result.end == ProcessResult::End::exited) {
        if (WIFEXITED(status)) {
            result.status = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result.end = ProcessResult::End::signalled;
            result.status = WTERMSIG(status);
        }
    }
    if (result.output.size() > kKeepBytes) result.output.erase(0, result.output.size() - kKeepBytes);
    return result;
}

std::string summary_line(const std::string& output) {
    // The first line that reports an error says most; else the last line.
    std::size_t from = 0;
    while (from < output.size()) {
        std::size_t to = output.find('\n', from);
        if (to == std::string::npos) to = output.size();
        const std::string line = output.substr(from, to - from);
        if (line.find("error") != std::string::npos) return line;
        from = to + 1;
    }
    std::size_t end = output.size();
    while (end > 0) {
        while (end > 0 && (output[end - 1] == '\n' || output[end - 1] == '\r' || output[end - 1] == ' ')) --end;
        const std::size_t begin = output.rfind('\n', end == 0 ? 0 : end - 1);
        const std::size_t start = begin == std::string::npos ? 0 : begin + 1;
        std::string line = output.substr(start, end - start);
        if (!line.empty()) return line;
        if (begin == std::string::npos) break;
        end = begin;
    }
    return {};
}

}  // namespace timeline::schedule
