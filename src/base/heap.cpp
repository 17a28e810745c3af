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

#include <cstdint>

namespace timeline {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
constexpr int kStep = 64 << 20;           // M_TOP_PAD: the heap grows by this much at least
constexpr int kInHeap = 32 << 20;         // M_MMAP_THRESHOLD: glibc's largest
constexpr int kKeep = 1 << 30;            // M_TRIM_THRESHOLD
constexpr std::uintptr_t kArenaHeap = std::uintptr_t(64) << 20;  // glibc's HEAP_MAX_SIZE on 64-bit
std::uintptr_t heap_start = 0;
std::uintptr_t advised_to = 0;            // end of what was advised; 0 before prepare_heap

std::uintptr_t heap_end() { return reinterpret_cast<std::uintptr_t>(::sbrk(0)); }

void advise(std::uintptr_t from, std::uintptr_t to) {
    from = (from + kHugePage - 1) & ~(kHugePage - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // best effort
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
