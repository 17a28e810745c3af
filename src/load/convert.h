// Conversion of schema-valid JSON records (json/tree.h) to the record model. The
// conversion is defensive: a value of an unexpected type becomes the field's default, so a
// gap in validation can never crash the program.
#pragma once

#include <string>


#include "base/diagnostic.h"
#include "json/tree.h"
#include "model/records.h"

namespace timeline::convert {

// Context of one record for diagnostics: its file, pointer and id.
struct Where {
    const std::string& file;
    const std::string& pointer;  // of the record, e.g. "/events/3"
    const std::string& id;
};

Unit unit(json::Value o);
Lane lane(json::Value o);
Metric metric(json::Value o);
Entity entity(json::Value o);
// These parse dates; an invalid date adds a "date-invalid" (or "offset-invalid") error.
Source source(json::Value o, const Where& w, Diagnostics& diags);
Era era(json::Value o, const Where& w, Diagnostics& diags);
Event event(json::Value o, const Where& w, Diagnostics& diags);
Figure figure(json::Value o, const Where& w, Diagnostics& diags);

// The record's "id" member, or "" when there is none.
std::string record_id(json::Value o);

}  // namespace timeline::convert
