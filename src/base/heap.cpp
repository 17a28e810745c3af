#include "base/heap.h"

#include <cstdlib>  // defines __GLIBC__ with glibc

// Under AddressSanitizer malloc is not glibc's: nothing to tune.
#if defined(__SANITIZE_ADDRESS__)
#define TL_FOREIGN_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TL_FOREIGN_MALLOC 1
#endif
#endif

#if defined(__GLIBC__) && defined(__linux__) && !defined(TL_FOREIGN_MALLOC)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace timeline {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
constexpr int kStep = 64 << 20;           // M_TOP_PAD: the heap grows by this much at least
constexpr int kInHeap = 32 << 20;         // M_MMAP_THRESHOLD: glibc's largest
constexpr int kKeep = 1 << 30;            // M_TRIM_THRESHOLD
constexpr std::uintptr_t kArenaHeap = std::uintptr_t(64) << 20;  // glibc's HEAP_MAX_SIZE on 64-bit
constexpr std::uintptr_t kSkipSlack = 8 << 10;    // what the skipped block leaves of the first 2 MiB
constexpr std::size_t kThreadStep = std::size_t(16) << 20;  // a thread's heap grown at once
constexpr std::size_t kProbe = std::size_t(256) << 10;        // larger than the free blocks of a young heap
std::uintptr_t heap_start = 0;
std::atomic<void*> skipped_blocks[16];  // see skip_small_pages
std::uintptr_t advised_to = 0;            // end of what was advised; 0 before prepare_heap

std::uintptr_t heap_end() { return reinterpret_cast<std::uintptr_t>(::sbrk(0)); }

void advise(std::uintptr_t from, std::uintptr_t to) {
    from = (from + kHugePage - 1) & ~(kHugePage - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // best effort
}

// Keeps allocations from `at` (a heap's free top) on out of the rest of its 2 MiB range,
// which already has small pages: a block to the range's end, never freed and never touched
// (kept in skipped_blocks, not resident). Up to 512 page faults fewer for the memory
// allocated next, which starts on a huge page.
void skip_small_pages(std::uintptr_t at) {
    const std::uintptr_t end = (at + kHugePage) & ~(kHugePage - 1);
    if (end - at <= kSkipSlack) return;
    void* skip = std::malloc(end - at - kSkipSlack);
    for (auto& slot : skipped_blocks) {
        void* empty = nullptr;
        if (slot.compare_exchange_strong(empty, skip)) return;
    }
    std::free(skip);  // every slot taken: those pages stay in use
}

}  // namespace

bool heap_tunable() { return true; }

void prepare_heap() {
    if (advised_to != 0) return;
    ::mallopt(M_MMAP_THRESHOLD, kInHeap);
    ::mallopt(M_TOP_PAD, kStep);
    ::mallopt(M_TRIM_THRESHOLD, kKeep);
    const std::uintptr_t start = heap_end();
    heap_start = start;
    // One block that the heap must grow for (volatile: a malloc and free of nothing else can
    // be left out by the compiler), freed at once: the step stays as free top of the heap.
    void* volatile block = std::malloc(kStep / 4);
    std::free(block);
    advised_to = heap_end();
    advise(start, advised_to);
    // The heap's free top (a block larger than any free one is cut from it) lies in a range
    // the heap has touched already, whose pages are small.
    void* volatile top = std::malloc(kProbe);
    const auto at = reinterpret_cast<std::uintptr_t>(top);
    std::free(top);
    skip_small_pages(at);
}

void advise_heap() {
    if (advised_to == 0) return;
    const std::uintptr_t end = heap_end();
    if (end <= advised_to) return;
    advise(advised_to, end);
    advised_to = end;
}

void advise_thread_heap() {
    if (advised_to == 0) return;
    // A block of this thread's arena; outside the main heap, its arena's heap is the 64 MiB
    // aligned mapping it lies in.
    void* volatile block = std::malloc(64);
    const auto at = reinterpret_cast<std::uintptr_t>(block);
    std::free(block);
    if (at >= heap_start && at < heap_end()) return;  // the main arena
    const std::uintptr_t base = at & ~(kArenaHeap - 1);
    ::madvise(reinterpret_cast<void*>(base), kArenaHeap, MADV_HUGEPAGE);  // best effort
    // glibc wrote a new arena's header at its start before the advice could be given, so its
    // first 2 MiB have small pages (an arena of a thread that ended has touched more of them).
    if (at - base < kHugePage) skip_small_pages(at);
    // glibc grows a thread's heap by what each allocation needs, a page or so at a time, and
    // a huge page needs its 2 MiB writable: one block grows the heap by a step at once, and
    // stays as its free top (trimming is off).
    void* volatile step = std::malloc(kThreadStep);
    std::free(step);
}

}  // namespace timeline

#else

namespace timeline {
bool heap_tunable() { return false; }
void prepare_heap() {}
void advise_heap() {}
void advise_thread_heap() {}
}  // namespace timeline

#endif
