// Standard output with every write checked (PRODUCT §3: an I/O failure exits 3). std::cout
// writes through a buffer that remembers the first failed write(2); at the end of the
// command, finish_stdout() flushes and turns a failure into the exit status: "No space left
// on device" and the like are reported, a closed pipe (EPIPE: the reader, e.g. `head`, has
// what it wanted) ends the run quietly. SIGPIPE is ignored, so a closed pipe is an EPIPE
// error, never a silent kill in the middle of writing a file.
#pragma once

#include <string_view>

namespace timeline::cli {

// Routes std::cout through the checked buffer. Call once, first thing in main.
void install_checked_stdout();

// Writes bytes (a PDF) to standard output through the same buffer.
void write_stdout(std::string_view bytes);

// Whether standard output is a terminal (a PDF is not written to one).
bool stdout_is_terminal();

// Flushes standard output. `status` is the command's exit status; the result is 3 (with a
// message on standard error, none for a closed pipe) when any write failed, else `status`.
int finish_stdout(int status);

}  // namespace timeline::cli
