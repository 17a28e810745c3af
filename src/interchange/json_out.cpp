#include "interchange/json_out.h"

#include <cmath>
#include <cstdio>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "base/json_text.h"

namespace timeline::interchange {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_object(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool is_array(const Var& v) { return v.type() == typeid(Array::Ptr); }

std::string scalar(const Var& v) {
    if (v.isEmpty()) return "null";
    if (v.type() == typeid(std::string)) return json_quote(v.extract<std::string>());
    if (v.type() == typeid(bool)) return v.extract<bool>() ? "true" : "false";
    if (v.type() == typeid(double)) {
        const double d = v.extract<double>();
        if (!std::isfinite(d)) return "null";
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return buf;
    }
    return v.toString();
}

// An object or array whose members are all scalars is written on one line.
bool flat(const Var& v) {
    if (is_object(v)) {
        const Object::Ptr o = v.extract<Object::Ptr>();
        for (const auto& name : o->getNames())
            if (is_object(o->get(name)) || is_array(o->get(name))) return false;
        return true;
    }
    if (is_array(v)) {
        const Array::Ptr a = v.extract<Array::Ptr>();
        for (std::size_t k = 0; k < a->size(); ++k)
            if (is_object(a->get(static_cast<unsigned>(k))) || is_array(a->get(static_cast<unsigned>(k)))) return false;
        return true;
    }
    return true;
}

void write(const Var& v, int indent, std::string& out) {
    const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
    if (is_object(v)) {
        const Object::Ptr o = v.extract<Object::Ptr>();
        const auto names = o->getNames();
        if (names.empty()) {
            out += "{}";
            return;
        }
        const bool one_line = flat(v);
        out += one_line ? "{ " : "{\n";
        for (std::size_t k = 0; k < names.size(); ++k) {
            if (!one_line) out += inner;
            out += json_quote(names[k]) + ": ";
            write(o->get(names[k]), indent + 1, out);
            if (k + 1 < names.size()) out += one_line ? ", " : ",\n";
        }
        out += one_line ? " }" : "\n" + pad + "}";
        return;
    }
    if (is_array(v)) {
        const Array::Ptr a = v.extract<Array::Ptr>();
        if (a->size() == 0) {
            out += "[]";
            return;
        }
        const bool one_line = flat(v);
        out += one_line ? "[" : "[\n";
        for (std::size_t k = 0; k < a->size(); ++k) {
            if (!one_line) out += inner;
            write(a->get(static_cast<unsigned>(k)), indent + 1, out);
            if (k + 1 < a->size()) out += one_line ? ", " : ",\n";
        }
        out += one_line ? "]" : "\n" + pad + "]";
        return;
    }
    out += scalar(v);
}

}  // namespace

std::string pretty_json(const Poco::Dynamic::Var& value) {
    std::string out;
    write(value, 0, out);
    out += '\n';
    return out;
}

}  // namespace timeline::interchange
