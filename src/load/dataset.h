// Loading a data set: every *.json and *.csv file of the data directories is read,
// validated against the schemas (schemas/, compiled in), converted to records, and its
// dates parsed and resolved. Cross-record checks are src/check's work.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/files.h"
#include "base/progress.h"
#include "json/parse.h"
#include "load/csv.h"
#include "model/records.h"

namespace timeline {

// Where every loaded value stands in its file, so that a diagnostic that names a file and
// a JSON pointer can be given its line:column when it is printed.
class SourceMap {
public:
    void add_json(const std::string& file, json::Document doc);
    void add_csv(const std::string& file, std::vector<CsvRecordOrigin> origins);

    // Position of the value at `pointer` in `file` (the key's position when `key` is set and
    // the pointer names an object member). Unknown when the file is not known.
    SourcePos position(const std::string& file, const std::string& pointer, bool key = false) const;
    // Fills the position of every diagnostic that has a file and pointer but no position.
    void locate(Diagnostics& diags) const;

private:
    std::map<std::string, json::Document> json_;
    std::map<std::string, std::vector<CsvRecordOrigin>> csv_;
};

struct LoadedData {
    Dataset dataset;
    SourceMap sources;
    std::vector<std::string> files;  // the files read, in reading order
    std::string digest;              // hex MD5 of their bytes in reading order (a brief's document id)
    // Ids of the records that could not be read: those of a file with a syntax error (found by
    // scanning its text for "id": "…"), of records the schema rejected and of malformed CSV
    // rows. References to them are not reported again (CheckOptions::unread_ids).
    std::set<std::string> unread_ids;
};

// Files of the data directories: *.json and *.csv directly inside each directory, by name.
// A directory that does not exist is an "io-read" error.
std::vector<std::string> data_files(const std::vector<std::string>& dirs, Diagnostics& diags);

// How much is read at most: each file ("file-too-large") and all files together
// ("data-too-large", which names the file with which the total passes the limit; checked
// on the file sizes before anything is read, and again on the bytes read).
struct LoadLimits {
    std::size_t max_file_bytes = kMaxInputBytes;
    std::size_t max_total_bytes = kMaxDataBytes;
};

// A data file that is not (yet) on disk: its name and content. `timeline import` checks the
// file it is about to write together with the data set it joins.
struct FileText {
    std::string name;
    std::string text;
};

// Reads, validates and converts the given files, then the unsaved ones (loaded as if read
// from disk under their names; their bytes count towards the limits too). Records with
// schema errors are left out (their errors are in `diags`) so that later checks do not
// repeat them. `progress`, when given, shows the file being read.
LoadedData load_files(const std::vector<std::string>& files, Diagnostics& diags, Progress* progress = nullptr,
                      const std::vector<FileText>& unsaved = {}, const LoadLimits& limits = {});

inline LoadedData load_dataset(const std::vector<std::string>& dirs, Diagnostics& diags,
                               Progress* progress = nullptr, const LoadLimits& limits = {}) {
    return load_files(data_files(dirs, diags), diags, progress, {}, limits);
}

}  // namespace timeline
