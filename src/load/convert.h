// Conversion of schema-valid JSON records (Poco values) to the record model. The
// conversion is defensive: a value of an unexpected type becomes the field's default, so a
// gap in validation can never crash the program.
#pragma once

#include <string>

#include <Poco/JSON/Object.h>

#include "base/diagnostic.h"
#include "model/records.h"

namespace timeline::convert {

// Context of one record for diagnostics: its file, pointer and id.
struct Where {
    const std::string& file;
    const std::string& pointer;  // of the record, e.g. "/events/3"
    const std::string& id;
};

Unit unit(const Poco::JSON::Object::Ptr& o);
Lane lane(const Poco::JSON::Object::Ptr& o);
Metric metric(const Poco::JSON::Object::Ptr& o);
Entity entity(const Poco::JSON::Object::Ptr& o);
// These parse dates; an invalid date adds a "date-invalid" (or "offset-invalid") error.
Source source(const Poco::JSON::Object::Ptr& o, const Where& w, Diagnostics& diags);
Era era(const Poco::JSON::Object::Ptr& o, const Where& w, Diagnostics& diags);
Event event(const Poco::JSON::Object::Ptr& o, const Where& w, Diagnostics& diags);
Figure figure(const Poco::JSON::Object::Ptr& o, const Where& w, Diagnostics& diags);

// The record's "id" member, or "" when there is none.
std::string record_id(const Poco::JSON::Object::Ptr& o);

}  // namespace timeline::convert
