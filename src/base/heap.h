// The heap on transparent huge pages (glibc on Linux; elsewhere these do nothing).
//
// A brief's memory is mostly small objects made once and kept until the end (the parsed
// data, the report model, pages being set), and a fresh 4 KiB page costs a page fault when it
// is first touched: 19,000 faults, a fifth of the run, at 10,000 events. With the heap grown
// in steps of 64 MiB and those steps advised MADV_HUGEPAGE (the kernel's THP "madvise" mode,
// Debian's default), a fault brings 2 MiB: 700 faults instead, and a run 15–25 % faster for
// a few MiB more peak memory. Freed memory stays with the process until it ends: for the
// commands that load data, never for the long-running scheduler.
#pragma once

namespace timeline {

// Grows the heap by a first step and advises it; sets malloc to grow by such steps, to keep
// blocks up to 32 MiB in the heap rather than in mappings of their own, and not to trim.
// What is allocated next starts on a huge page (the rest of the 2 MiB the heap has touched
// already is left aside, never touched).
void prepare_heap();

// Whether these do anything in this build: glibc's malloc on Linux, not a sanitizer's.
bool heap_tunable();

// Advises what the heap has grown by since the last call: one cheap system call, to make
// now and then (per page set) while the heap grows.
void advise_heap();

// Advises the heap of the calling thread, when it is not the main one's: glibc gives a thread
// that allocates an arena of its own, a 64 MiB mapping grown into as needed. The thread's
// allocations then start on a huge page (the arena's first 2 MiB, which have small pages,
// are left aside) and its heap grows 16 MiB at a time. Call it once from a thread that will
// allocate much (text set ahead); nothing before prepare_heap().
void advise_thread_heap();

}  // namespace timeline
