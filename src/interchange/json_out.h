// JSON values an import or export makes, member order as set, and their text laid out like
// the hand-written data files: one member per line, objects of plain values
// ({"zh": …, "en": …}) and arrays of plain values on one line.
//
//   JsonOut lane = JsonOut::object();
//   lane.set("id", "ai").set("label", JsonOut::object().set("en", "AI"));
//   std::string text = pretty_json(lane);
#pragma once

#include <string>
#include <vector>

namespace timeline::interchange {

class JsonOut {
public:
    JsonOut() = default;  // null
    JsonOut(const char* s) : kind_(Kind::string), text_(s) {}
    JsonOut(std::string s) : kind_(Kind::string), text_(std::move(s)) {}
    static JsonOut object();
    static JsonOut array();

    // Sets the member `key` of an object: its value replaced, or appended after the others.
    JsonOut& set(const std::string& key, JsonOut value);
    // Appends an item to an array.
    JsonOut& add(JsonOut value);
    // Items of an array or members of an object.
    std::size_t size() const { return items_.size(); }

    friend std::string pretty_json(const JsonOut& value);

private:
    enum class Kind { null, string, array, object };  // all an import or export writes
    bool container() const { return kind_ == Kind::array || kind_ == Kind::object; }
    bool flat() const;
    std::string scalar() const;
    void write(int indent, std::string& out) const;

    Kind kind_ = Kind::null;
    std::string text_;
    std::vector<std::string> keys_;  // of an object, one per item
    std::vector<JsonOut> items_;
};

std::string pretty_json(const JsonOut& value);

}  // namespace timeline::interchange
