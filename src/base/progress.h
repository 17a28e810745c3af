// Progress of long work on a terminal (PRODUCT §3): one status line on standard error,
// rewritten in place, cleared at the end. Silent when standard error is not a terminal,
// so piped and scheduled runs print nothing extra.
#pragma once

#include <cstddef>
#include <string_view>

namespace timeline {

class Progress {
public:
    // Enabled only when standard error is a terminal (and `allowed`).
    explicit Progress(bool allowed = true);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool enabled() const { return enabled_; }
    // "reading data/x.json (2/5)"; at most a few updates a second reach the terminal.
    void update(std::string_view what, std::size_t done, std::size_t total);
    void clear();

private:
    bool enabled_;
    bool shown_ = false;
    long long last_ms_ = 0;
};

}  // namespace timeline
