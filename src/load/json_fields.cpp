#include "load/json_fields.h"

namespace timeline::json_fields {

std::string str(json::Value o, std::string_view key) { return std::string(o.find(key).str()); }

Text text(json::Value o, std::string_view key) {
    Text t;
    const json::Value inner = o.find(key);
    if (!inner.is_object()) return t;
    t.zh = str(inner, "zh");
    t.en = str(inner, "en");
    return t;
}

std::vector<std::string> strings(json::Value o, std::string_view key) {
    std::vector<std::string> out;
    const json::Value arr = o.find(key);
    for (std::size_t k = 0; k < arr.size() && arr.is_array(); ++k)
        if (arr.item(k).is_string()) out.emplace_back(arr.item(k).str());
    return out;
}

}  // namespace timeline::json_fields
