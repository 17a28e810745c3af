// JSON values as the program reads them: one flat array of nodes per document, each value
// a small handle into it. A container's items (or members) lie next to each other, so a
// document of a million values is a few allocations, walked without pointer chasing and
// freed at once. Every value remembers where it stands in its source text (a byte offset;
// json::Document turns it into line:column).
//
//   json::Value v = doc.value();
//   for (std::size_t i = 0; i < v.size(); ++i) use(v.key(i), v.item(i));
//   if (const json::Value id = v.find("id"); id.is_string()) use(id.str());
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace timeline::json {

// The kind of a value. A JSON integer is `integer` (int64) or, beyond int64, `unsigned_integer`;
// any other number is `number` (a double).
enum class Type : std::uint8_t { null, boolean, integer, unsigned_integer, number, string, array, object };

class Tree;

// A value of a Tree, or no value (a member that is absent): test with `if (v)` or the
// is_*() accessors, which are false for no value. Valid while its tree lives.
class Value {
public:
    Value() = default;
    Value(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

    explicit operator bool() const { return tree_ != nullptr; }
    Type type() const;
    bool is_null() const { return tree_ && type() == Type::null; }
    bool is_boolean() const { return tree_ && type() == Type::boolean; }
    bool is_string() const { return tree_ && type() == Type::string; }
    bool is_array() const { return tree_ && type() == Type::array; }
    bool is_object() const { return tree_ && type() == Type::object; }
    // integer, unsigned_integer or number.
    bool is_number() const;

    bool boolean() const;               // false unless a boolean
    std::int64_t integer() const;       // an integer's value (0 for other kinds)
    std::uint64_t unsigned_integer() const;
    double number() const;              // any number as a double (0 for other kinds)
    std::string_view str() const;       // a string's text, else ""

    // Items of an array or members of an object (0 for other kinds); i < size().
    std::size_t size() const;
    Value item(std::size_t i) const;            // item i, or the value of member i
    std::string_view key(std::size_t i) const;  // the name of member i
    // The member named `name` (the first of that name), or no value.
    Value find(std::string_view name) const;
    bool has(std::string_view name) const { return static_cast<bool>(find(name)); }

    // Byte offset in the source text where the value starts, and where member i's name does.
    std::uint32_t offset() const;
    std::uint32_t key_offset(std::size_t i) const;

    const Tree* tree() const { return tree_; }
    std::uint32_t index() const { return index_; }

private:
    const Tree* tree_ = nullptr;
    std::uint32_t index_ = 0;
};

// One value of a tree. Members of an object carry their name.
struct Node {
    Type type = Type::null;
    bool flag = false;            // a boolean's value
    std::uint32_t key = 0;        // member name: offset and length in the tree's characters
    std::uint32_t key_size = 0;
    std::uint32_t at = 0;         // byte offset of the value in the source text
    std::uint32_t key_at = 0;     // byte offset of the member name
    struct Span {
        std::uint32_t first;  // strings: offset in characters; containers: first child node
        std::uint32_t size;   // strings: length in bytes; containers: number of children
    };
    union {
        std::int64_t i;
        std::uint64_t u;
        double d;
        Span span;
    };
    Node() : i(0) {}
};

// A document's values. Built by json::parse, by json::Make or from a Poco value
// (pocojson/values.h); read-only after.
class Tree {
public:
    Value root() const { return nodes_.empty() ? Value() : Value(this, static_cast<std::uint32_t>(nodes_.size() - 1)); }

    const Node& node(std::uint32_t i) const { return nodes_[i]; }
    std::string_view chars(std::uint32_t at, std::uint32_t size) const { return {chars_.data() + at, size}; }

    std::size_t memory() const { return nodes_.capacity() * sizeof(Node) + chars_.capacity(); }

private:
    friend class Builder;
    std::vector<Node> nodes_;  // children before their container; the root last
    std::string chars_;        // text of strings and member names
};

// Builds a tree bottom-up: a value is pushed after its children, a container closed over
// the values pushed since it was opened.
class Builder {
public:
    Builder() : tree_(std::make_shared<Tree>()) {}

    // A string's (or a member name's) characters: append them, then take the span.
    std::string& chars() { return tree_->chars_; }

    void push(const Node& n) { stack_.push_back(n); }
    void pop() { stack_.pop_back(); }
    Node& top() { return stack_.back(); }
    std::size_t depth() const { return stack_.size(); }
    Node& at_depth(std::size_t i) { return stack_[i]; }
    // Makes the values pushed since depth `base` the children of a container node, which
    // replaces them on the stack.
    void close(std::size_t base, Node container);
    // The finished tree (the one value left on the stack is its root).
    std::shared_ptr<const Tree> finish();

private:
    std::shared_ptr<Tree> tree_;
    std::vector<Node> stack_;
};

// Builds a tree value by value in document order, as a program makes one:
//
//   json::Make m;
//   m.begin_object();
//   m.key("id"), m.string("e1");
//   m.key("tags"), m.begin_array(), m.string("a"), m.end();
//   m.end();
//   std::shared_ptr<const json::Tree> tree = m.finish();
class Make {
public:
    void null();
    void boolean(bool v);
    void integer(std::int64_t v);
    void unsigned_integer(std::uint64_t v);
    void number(double v);
    void string(std::string_view v);
    void begin_object() { begin(Type::object); }
    void begin_array() { begin(Type::array); }
    void end();  // of the innermost object or array begun
    // The name of the next value, inside an object.
    void key(std::string_view name);
    // The value made (one; null when none was).
    std::shared_ptr<const Tree> finish();

private:
    void begin(Type container);
    void scalar(Node n);
    void named(Node& n);
    Builder b_;
    struct Open {
        std::size_t base;
        Type type;
        std::uint32_t key, key_size;
    };
    std::vector<Open> open_;
    bool has_key_ = false;
    std::uint32_t key_ = 0, key_size_ = 0;
};

// A tree of one string.
std::shared_ptr<const Tree> string_tree(std::string_view s);
// A tree of its own holding a copy of `v` (a part of a larger document, say).
std::shared_ptr<const Tree> copy_of(Value v);

// Compact JSON text of a value, members in order.
std::string to_text(Value v);

// The value at an RFC 6901 pointer, or no value.
Value resolve(Value root, std::string_view pointer);

}  // namespace timeline::json
