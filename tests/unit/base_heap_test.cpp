// The heap on transparent huge pages (src/base/heap.h): where the kernel offers them on
// request (THP "always" or "madvise"), memory the program fills after prepare_heap() comes
// in 2 MiB pages, so filling 32 MiB takes a few dozen page faults rather than 8,192.
#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "base/heap.h"

namespace {

long minor_faults() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

std::string thp_mode() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string all, mode;
    std::getline(in, all);
    const auto open = all.find('['), close = all.find(']');
    if (open != std::string::npos && close != std::string::npos) mode = all.substr(open + 1, close - open - 1);
    return mode;
}

// Times the kernel wanted a huge page for a fault and had none free (memory too fragmented):
// it then gives 4 KiB pages, whatever the program asked for.
long thp_fallbacks() {
    std::ifstream in("/proc/vmstat");
    std::string name;
    long value = 0;
    while (in >> name >> value)
        if (name == "thp_fault_fallback") return value;
    return 0;
}

}  // namespace

TEST_CASE("memory filled after prepare_heap comes in huge pages", "[base][heap]") {
    timeline::prepare_heap();
    timeline::prepare_heap();  // a second call changes nothing
    constexpr std::size_t kBytes = std::size_t(32) << 20;
    const long before = minor_faults();
    const long fallbacks_before = thp_fallbacks();
    std::unique_ptr<char[]> block(new char[kBytes]);
    std::memset(block.get(), 1, kBytes);
    timeline::advise_heap();
    const long faults = minor_faults() - before;
    const long fallbacks = thp_fallbacks() - fallbacks_before;
    const std::string mode = thp_mode();
    INFO("THP mode " << mode << ", " << faults << " faults for 32 MiB, " << fallbacks << " huge pages refused");
    if (timeline::heap_tunable() && (mode == "always" || mode == "madvise") && fallbacks == 0) {
        // 4 KiB pages: 8,192; huge pages: a few dozen alone, about a thousand with a dozen
        // copies of this test running at once.
        CHECK(faults < 4096);
        return;
    }
    WARN("transparent huge pages not offered here (" << (mode.empty() ? std::string("unknown") : mode) << ", "
                                                      << fallbacks << " refused): " << faults << " faults for 32 MiB");
    CHECK(block[kBytes - 1] == 1);
}

TEST_CASE("a thread's small allocations after advise_thread_heap come in huge pages", "[base][heap]") {
    timeline::prepare_heap();
    constexpr std::size_t kBytes = std::size_t(8) << 20;
    long faults = 0, fallbacks = 0;
    bool filled = false;
    std::thread([&] {
        timeline::advise_thread_heap();
        const long fallbacks_before = thp_fallbacks();
        rusage u{};
        ::getrusage(RUSAGE_THREAD, &u);
        const long before = u.ru_minflt;
        // As a thread setting text allocates: many small blocks, kept.
        std::vector<std::unique_ptr<char[]>> blocks;
        for (std::size_t n = 0; n < kBytes; n += 200) {
            blocks.emplace_back(new char[200]);
            blocks.back()[0] = 1;
        }
        ::getrusage(RUSAGE_THREAD, &u);
        faults = u.ru_minflt - before;
        fallbacks = thp_fallbacks() - fallbacks_before;
        filled = blocks.back()[0] == 1;
    }).join();
    CHECK(filled);
    const std::string mode = thp_mode();
    INFO("THP mode " << mode << ", " << faults << " faults for 8 MiB in a thread, " << fallbacks << " huge pages refused");
    if (timeline::heap_tunable() && (mode == "always" || mode == "madvise") && fallbacks == 0) {
        // 4 KiB pages: 2,048; with the arena's first 2 MiB in small pages, 512 and more;
        // huge pages: a handful.
        CHECK(faults < 256);
    }
}
