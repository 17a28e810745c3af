// Checks after the schema (PRODUCT §1.6, docs/data-format.md "Checks after the schema"):
// unique ids, references, units, duplicate and conflicting figures, facts dated after
// their source was published.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "base/diagnostic.h"
#include "model/records.h"

namespace timeline {

enum class Strictness { normal, strict };

struct CheckOptions {
    // strict: a text with one language missing is an error ("missing-translation").
    Strictness strictness = Strictness::normal;
    // Turns a record's origin into a position, for messages that cite another record.
    std::function<SourcePos(const Origin&)> locate;
    // Ids of records that could not be read (a file with a syntax error, a record the schema
    // rejected): a reference to one is not reported, the problem that hid it already is.
    const std::set<std::string>* unread_ids = nullptr;
};

void check_dataset(const Dataset& ds, Diagnostics& diags, const CheckOptions& options = {});

}  // namespace timeline
