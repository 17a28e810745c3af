#include "pocojson/values.h"

#include <cstdint>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace timeline::json {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// The value of `v` made into `m`: JSON kinds as they are, any other value by its text.
void build(Make& m, const Var& v) {
    const std::type_info& t = v.type();
    const Object* object = t == typeid(Object::Ptr) ? v.extract<Object::Ptr>().get()
                           : t == typeid(Object)    ? &v.extract<Object>()
                                                    : nullptr;
    const Array* array = t == typeid(Array::Ptr) ? v.extract<Array::Ptr>().get()
                         : t == typeid(Array)    ? &v.extract<Array>()
                                                 : nullptr;
    if (v.isEmpty()) {
        m.null();
    } else if (object) {
        m.begin_object();
        for (const std::string& name : object->getNames()) {
            m.key(name);
            build(m, object->get(name));
        }
        m.end();
    } else if (array) {
        m.begin_array();
        for (const Var& item : *array) build(m, item);
        m.end();
    } else if (t == typeid(std::string)) {
        m.string(v.extract<std::string>());
    } else if (t == typeid(bool)) {
        m.boolean(v.extract<bool>());
    } else if (t == typeid(double) || t == typeid(float)) {
        m.number(v.convert<double>());
    } else if (t == typeid(unsigned long) || t == typeid(unsigned long long) || t == typeid(unsigned int) ||
               t == typeid(unsigned short) || t == typeid(unsigned char)) {
        const std::uint64_t u = v.convert<Poco::UInt64>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX)) m.integer(static_cast<std::int64_t>(u));
        else m.unsigned_integer(u);
    } else if (t == typeid(long) || t == typeid(long long) || t == typeid(int) || t == typeid(short) ||
               t == typeid(signed char)) {
        m.integer(v.convert<Poco::Int64>());
    } else {
        std::string text;
        try {
            text = v.toString();
        } catch (const Poco::Exception&) {
            text = "(unprintable value)";
        }
        m.string(text);
    }
}

}  // namespace

std::shared_ptr<const Tree> from_var(const Var& v) {
    Make m;
    build(m, v);
    return m.finish();
}

Var to_var(Value v) {
    switch (v.type()) {
        case Type::null: return Var();
        case Type::boolean: return Var(v.boolean());
        case Type::integer: return Var(static_cast<Poco::Int64>(v.integer()));
        case Type::unsigned_integer: return Var(static_cast<Poco::UInt64>(v.unsigned_integer()));
        case Type::number: return Var(v.number());
        case Type::string: return Var(std::string(v.str()));
        case Type::array: {
            Array::Ptr a = new Array();
            for (std::size_t k = 0; k < v.size(); ++k) a->add(to_var(v.item(k)));
            return Var(a);
        }
        case Type::object: {
            Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            for (std::size_t k = 0; k < v.size(); ++k) o->set(std::string(v.key(k)), to_var(v.item(k)));
            return Var(o);
        }
    }
    return Var();
}

std::string to_string(const Poco::Dynamic::Var& v) { return to_text(from_var(v)->root()); }

}  // namespace timeline::json
