// Reading inputs with a size limit, and writing outputs atomically (PRODUCT §5: no partial files).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace timeline {

class InterruptCleanup;

// Largest input file accepted (a data file is text written by people; 64 MiB is generous).
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;
// Largest total of the data files of one run, all directories together (about 500,000
// events; a report over that needs well over 10 GB of memory).
inline constexpr std::size_t kMaxDataBytes = 256u * 1024u * 1024u;
// Largest font file accepted (the CJK TrueType collections of Debian are 5–25 MB).
inline constexpr std::size_t kMaxFontBytes = 128u * 1024u * 1024u;

// "64 MiB", "256 MiB", "1.5 KiB", "300 bytes": a limit or size for a message.
std::string byte_size_text(std::size_t bytes);

// The name that stands for standard input where one input file is expected.
inline constexpr const char* kStandardInput = "-";

// Reads a whole file ("-": standard input, see read_standard_input). On failure adds a
// diagnostic ("io-read" or "file-too-large") and returns nullopt.
std::optional<std::string> read_file(const std::string& path, Diagnostics& diags,
                                     std::size_t max_bytes = kMaxInputBytes);

// Reads all of standard input, once per run: a second reader gets an "io-read" error.
std::optional<std::string> read_standard_input(Diagnostics& diags, std::size_t max_bytes = kMaxInputBytes);

// A regular file mapped read-only into memory, at most `max_bytes` long. Anything else
// (a device such as /dev/zero, a pipe, a directory, a larger file) is refused with a
// diagnostic naming `what` ("font file"): codes "io-read", "file-not-regular",
// "file-too-large".
//
// A page of the mapping costs a page fault the first time it is read (some microseconds
// each, and far more under some hypervisors); copy() reads a few scattered bytes of a large
// file (the glyphs of a CJK font) through the file instead, which maps nothing.
class MappedFile {
public:
    static std::optional<MappedFile> open(const std::string& path, std::size_t max_bytes, const std::string& what,
                                          Diagnostics& diags);
    MappedFile() = default;
    MappedFile(MappedFile&& o) noexcept : data_(o.data_), size_(o.size_), fd_(o.fd_) {
        o.data_ = nullptr, o.size_ = 0, o.fd_ = -1;
    }
    MappedFile& operator=(MappedFile&& o) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();
    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
    // Copies `part` (a part of bytes()) into `out`, the same bytes as reading it.
    void copy(std::string_view part, char* out) const;

private:
    void release();
    void* data_ = nullptr;
    std::size_t size_ = 0;
    int fd_ = -1;  // the file mapped, open for copy()
};

// Writes content to a temporary file beside `path` (".NAME.tmp-PID-XXXXXX"), fsyncs it,
// renames it over `path` and fsyncs the directory, so a reader sees either the old file or
// the whole new one, also after a power cut. Temporary files of earlier writers of `path`
// that were killed (their process is gone) are removed first. Returns false and adds an
// "io-write" diagnostic on failure (the temporary file is removed); a write beyond the
// file size limit (ulimit -f) says so, provided SIGXFSZ is ignored (install_write_guards).
bool write_file_atomic(const std::string& path, const std::string& content, Diagnostics& diags);

// The same, for content written piece by piece (a PDF page by page): the temporary file is
// created by open(), written by write(), and renamed over `path` by commit(); destroying
// the object before commit() (or after a failed write) removes the temporary file. The
// diagnostics are those of write_file_atomic.
class AtomicFile {
public:
    static std::unique_ptr<AtomicFile> open(const std::string& path, Diagnostics& diags);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    bool write(std::string_view bytes);
    bool commit();
    const std::string& path() const { return path_; }

private:
    AtomicFile(std::string path, std::string temp, int fd, Diagnostics& diags);
    bool fail(const char* what, int err);

    std::string path_, temp_;
    int fd_ = -1;
    Diagnostics& diags_;
    std::unique_ptr<InterruptCleanup> cleanup_;
};

// Temporary files beside `path` as write_file_atomic names them.
enum class TempFiles {
    stale,  // only those whose writer process is gone (or, for names without a process id,
            // that were not modified for an hour)
    all     // every one: for a caller that knows no one else writes `path` (a scheduler
            // holding its lock, about to run the slot that writes it)
};
// Removes them; returns how many were removed.
int remove_temp_files(const std::string& path, TempFiles which);

// Prepares the process for commands that write files, once, at start:
// - SIGXFSZ is ignored, so that a write beyond the file size limit fails with EFBIG (and a
//   diagnostic, exit 3) instead of killing the process without a word;
// - SIGINT, SIGTERM and SIGHUP (unless ignored) first remove the temporary files being
//   written (write_file_atomic, and any registered with InterruptCleanup), then end the
//   process by the signal as before. A thread that takes these signals with sigwait (the
//   scheduler) blocks them, and is not affected.
void install_write_guards();

// Registers a temporary file for removal when the process is interrupted (see above) for
// the lifetime of the object. At most 32 files at a time are tracked; more are not
// cleaned up on a signal (they are swept as stale by later writers).
class InterruptCleanup {
public:
    explicit InterruptCleanup(const std::string& path);
    ~InterruptCleanup();
    InterruptCleanup(const InterruptCleanup&) = delete;
    InterruptCleanup& operator=(const InterruptCleanup&) = delete;

private:
    int slot_ = -1;
};

}  // namespace timeline
