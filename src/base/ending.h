// How a command ends: what it built is handed back with the process, not freed piece by piece.
//
// A brief's data set, report model and fonts are hundreds of thousands of small blocks;
// destroying them one by one before exit took 2–3 ms of a 1,000-event brief (4 % of its run)
// for memory the kernel takes back at once. Objects handed to keep_until_exit() live until the
// process ends, and end_process() ends it without running destructors. Under a sanitizer, or
// off Linux, the process ends the usual way (everything kept is then destroyed, so a leak
// checker sees nothing left behind).
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace timeline {

namespace detail {
std::vector<std::shared_ptr<void>>& kept_objects();
}

// `value` moved to where it lives until the process ends (main thread only).
template <class T>
T& keep_until_exit(T value) {
    auto kept = std::make_shared<T>(std::move(value));
    T& ref = *kept;
    detail::kept_objects().push_back(std::move(kept));
    return ref;
}

// Flushes the C and C++ standard streams and ends the process with `status`.
[[noreturn]] void end_process(int status);

}  // namespace timeline
