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

void string_node(Builder& b, Node& n, std::string_view s) {
    n.span.first = static_cast<std::uint32_t>(b.chars().size());
    n.span.size = static_cast<std::uint32_t>(s.size());
    b.chars().append(s);
}

void build(Builder& b, const Var& v) {
    Node n;
    const std::type_info& t = v.type();
    const Object* object = t == typeid(Object::Ptr) ? v.extract<Object::Ptr>().get()
                           : t == typeid(Object)    ? &v.extract<Object>()
                                                    : nullptr;
    const Array* array = t == typeid(Array::Ptr) ? v.extract<Array::Ptr>().get()
                         : t == typeid(Array)    ? &v.extract<Array>()
                                                 : nullptr;
    if (v.isEmpty()) {
        n.type = Type::null;
    } else if (object) {
        const std::size_t base = b.depth();
        for (const std::string& name : object->getNames()) {
            build(b, object->get(name));
            Node& member = b.top();
            member.key = static_cast<std::uint32_t>(b.chars().size());
            member.key_size = static_cast<std::uint32_t>(name.size());
            b.chars().append(name);
        }
        n.type = Type::object;
        b.close(base, n);
        return;
    } else if (array) {
        const std::size_t base = b.depth();
        for (const Var& item : *array) build(b, item);
        n.type = Type::array;
        b.close(base, n);
        return;
    } else if (t == typeid(std::string)) {
        n.type = Type::string;
        string_node(b, n, v.extract<std::string>());
    } else if (t == typeid(bool)) {
        n.type = Type::boolean;
        n.flag = v.extract<bool>();
    } else if (t == typeid(double) || t == typeid(float)) {
        n.type = Type::number;
        n.d = v.convert<double>();
    } else if (t == typeid(unsigned long) || t == typeid(unsigned long long) || t == typeid(unsigned int) ||
               t == typeid(unsigned short) || t == typeid(unsigned char)) {
        const std::uint64_t u = v.convert<Poco::UInt64>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
            n.type = Type::integer;
            n.i = static_cast<std::int64_t>(u);
        } else {
            n.type = Type::unsigned_integer;
            n.u = u;
        }
    } else if (t == typeid(long) || t == typeid(long long) || t == typeid(int) || t == typeid(short) ||
               t == typeid(signed char)) {
        n.type = Type::integer;
        n.i = v.convert<Poco::Int64>();
    } else {
        n.type = Type::other;
        std::string text;
        try {
            text = v.toString();
        } catch (const Poco::Exception&) {
            text = "(unprintable value)";
        }
        string_node(b, n, text);
    }
    b.push(n);
}

}  // namespace

std::shared_ptr<const Tree> from_var(const Var& v) {
    Builder b;
    build(b, v);
    return b.finish();
}

Var to_var(Value v) {
    switch (v.type()) {
        case Type::null: return Var();
        case Type::boolean: return Var(v.boolean());
        case Type::integer: return Var(static_cast<Poco::Int64>(v.integer()));
        case Type::unsigned_integer: return Var(static_cast<Poco::UInt64>(v.unsigned_integer()));
        case Type::number: return Var(v.number());
        case Type::string:
        case Type::other: return Var(std::string(v.str()));
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
