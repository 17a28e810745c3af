#include "interchange/json_out.h"

#include "base/json_text.h"

namespace timeline::interchange {

JsonOut JsonOut::object() {
    JsonOut o;
    o.kind_ = Kind::object;
    return o;
}

JsonOut JsonOut::array() {
    JsonOut a;
    a.kind_ = Kind::array;
    return a;
}

JsonOut& JsonOut::set(const std::string& key, JsonOut value) {
    for (std::size_t k = 0; k < keys_.size(); ++k)
        if (keys_[k] == key) {
            items_[k] = std::move(value);
            return *this;
        }
    keys_.push_back(key);
    items_.push_back(std::move(value));
    return *this;
}

JsonOut& JsonOut::add(JsonOut value) {
    items_.push_back(std::move(value));
    return *this;
}

std::string JsonOut::scalar() const { return kind_ == Kind::string ? json_quote(text_) : std::string("null"); }

// An object or array whose members are all scalars is written on one line.
bool JsonOut::flat() const {
    for (const JsonOut& item : items_)
        if (item.container()) return false;
    return true;
}

void JsonOut::write(int indent, std::string& out) const {
    if (!container()) {
        out += scalar();
        return;
    }
    const bool object = kind_ == Kind::object;
    if (items_.empty()) {
        out += object ? "{}" : "[]";
        return;
    }
    const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
    const bool one_line = flat();
    out += object ? (one_line ? "{ " : "{\n") : (one_line ? "[" : "[\n");
    for (std::size_t k = 0; k < items_.size(); ++k) {
        if (!one_line) out += inner;
        if (object) out += json_quote(keys_[k]) + ": ";
        items_[k].write(indent + 1, out);
        if (k + 1 < items_.size()) out += one_line ? ", " : ",\n";
    }
    if (object) out += one_line ? " }" : "\n" + pad + "}";
    else out += one_line ? "]" : "\n" + pad + "]";
}

std::string pretty_json(const JsonOut& value) {
    std::string out;
    value.write(0, out);
    out += '\n';
    return out;
}

}  // namespace timeline::interchange
