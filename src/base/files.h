// Reading inputs with a size limit, and writing outputs atomically (PRODUCT §5: no partial files).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "base/diagnostic.h"

namespace timeline {

// Largest input file accepted (a data file is text written by people; 64 MiB is generous).
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

// The name that stands for standard input where one input file is expected.
inline constexpr const char* kStandardInput = "-";

// Reads a whole file ("-": standard input, see read_standard_input). On failure adds a
// diagnostic ("io-read" or "file-too-large") and returns nullopt.
std::optional<std::string> read_file(const std::string& path, Diagnostics& diags,
                                     std::size_t max_bytes = kMaxInputBytes);

// Reads all of standard input, once per run: a second reader gets an "io-read" error.
std::optional<std::string> read_standard_input(Diagnostics& diags, std::size_t max_bytes = kMaxInputBytes);

// Writes content to a temporary file beside `path`, fsyncs it and renames it over `path`,
// so a reader sees either the old file or the whole new one. Returns false and adds an
// "io-write" diagnostic on failure (the temporary file is removed).
bool write_file_atomic(const std::string& path, const std::string& content, Diagnostics& diags);

}  // namespace timeline
