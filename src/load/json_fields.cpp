#include "load/json_fields.h"

#include <Poco/JSON/Array.h>

namespace timeline::json_fields {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string str(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key)) return {};
    const Var v = o->get(key);
    return v.isString() ? v.extract<std::string>() : std::string();
}

Text text(const Object::Ptr& o, const std::string& key) {
    Text t;
    if (!o || !o->has(key) || o->get(key).type() != typeid(Object::Ptr)) return t;
    const auto inner = o->getObject(key);
    t.zh = str(inner, "zh");
    t.en = str(inner, "en");
    return t;
}

std::vector<std::string> strings(const Object::Ptr& o, const std::string& key) {
    std::vector<std::string> out;
    if (!o || !o->has(key) || o->get(key).type() != typeid(Array::Ptr)) return out;
    const auto arr = o->getArray(key);
    for (std::size_t k = 0; k < arr->size(); ++k) {
        const Var item = arr->get(static_cast<unsigned>(k));
        if (item.isString()) out.push_back(item.extract<std::string>());
    }
    return out;
}

}  // namespace timeline::json_fields
