#include "json/tree.h"

#include <charconv>
#include <cmath>

#include "base/json_text.h"

namespace timeline::json {

namespace {

const Node& node_of(const Tree* t, std::uint32_t i) { return t->node(i); }

bool container(Type t) { return t == Type::array || t == Type::object; }

}  // namespace

Type Value::type() const { return tree_ ? node_of(tree_, index_).type : Type::null; }

bool Value::is_number() const {
    if (!tree_) return false;
    const Type t = type();
    return t == Type::integer || t == Type::unsigned_integer || t == Type::number;
}

bool Value::boolean() const { return is_boolean() && node_of(tree_, index_).flag; }

std::int64_t Value::integer() const {
    if (!tree_) return 0;
    const Node& n = node_of(tree_, index_);
    return n.type == Type::integer ? n.i : 0;
}

std::uint64_t Value::unsigned_integer() const {
    if (!tree_) return 0;
    const Node& n = node_of(tree_, index_);
    return n.type == Type::unsigned_integer ? n.u : 0;
}

double Value::number() const {
    if (!tree_) return 0;
    const Node& n = node_of(tree_, index_);
    switch (n.type) {
        case Type::integer: return static_cast<double>(n.i);
        case Type::unsigned_integer: return static_cast<double>(n.u);
        case Type::number: return n.d;
        default: return 0;
    }
}

std::string_view Value::str() const {
    if (!tree_) return {};
    const Node& n = node_of(tree_, index_);
    if (n.type != Type::string) return {};
    return tree_->chars(n.span.first, n.span.size);
}

std::size_t Value::size() const {
    if (!tree_) return 0;
    const Node& n = node_of(tree_, index_);
    return container(n.type) ? n.span.size : 0;
}

Value Value::item(std::size_t i) const {
    return Value(tree_, node_of(tree_, index_).span.first + static_cast<std::uint32_t>(i));
}

std::string_view Value::key(std::size_t i) const {
    const Node& m = node_of(tree_, node_of(tree_, index_).span.first + static_cast<std::uint32_t>(i));
    return tree_->chars(m.key, m.key_size);
}

Value Value::find(std::string_view name) const {
    if (!is_object()) return {};
    const Node& n = node_of(tree_, index_);
    for (std::uint32_t k = n.span.first, end = n.span.first + n.span.size; k < end; ++k) {
        const Node& m = node_of(tree_, k);
        if (m.key_size == name.size() && tree_->chars(m.key, m.key_size) == name) return Value(tree_, k);
    }
    return {};
}

std::uint32_t Value::offset() const { return tree_ ? node_of(tree_, index_).at : 0; }

std::uint32_t Value::key_offset(std::size_t i) const {
    return node_of(tree_, node_of(tree_, index_).span.first + static_cast<std::uint32_t>(i)).key_at;
}

void Builder::close(std::size_t base, Node container) {
    std::vector<Node>& nodes = tree_->nodes_;
    container.span.first = static_cast<std::uint32_t>(nodes.size());
    container.span.size = static_cast<std::uint32_t>(stack_.size() - base);
    nodes.insert(nodes.end(), stack_.begin() + static_cast<std::ptrdiff_t>(base), stack_.end());
    stack_.resize(base);
    stack_.push_back(container);
}

std::shared_ptr<const Tree> Builder::finish() {
    if (!stack_.empty()) tree_->nodes_.push_back(stack_.back());
    stack_.clear();
    tree_->nodes_.shrink_to_fit();
    return std::move(tree_);
}

void Make::named(Node& n) {
    if (!has_key_) return;
    n.key = key_;
    n.key_size = key_size_;
    has_key_ = false;
}

void Make::scalar(Node n) {
    named(n);
    b_.push(n);
}

void Make::null() { scalar(Node()); }

void Make::boolean(bool v) {
    Node n;
    n.type = Type::boolean;
    n.flag = v;
    scalar(n);
}

void Make::integer(std::int64_t v) {
    Node n;
    n.type = Type::integer;
    n.i = v;
    scalar(n);
}

void Make::unsigned_integer(std::uint64_t v) {
    Node n;
    n.type = Type::unsigned_integer;
    n.u = v;
    scalar(n);
}

void Make::number(double v) {
    Node n;
    n.type = Type::number;
    n.d = v;
    scalar(n);
}

void Make::string(std::string_view v) {
    Node n;
    n.type = Type::string;
    n.span.first = static_cast<std::uint32_t>(b_.chars().size());
    n.span.size = static_cast<std::uint32_t>(v.size());
    b_.chars().append(v);
    scalar(n);
}

void Make::begin(Type container) {
    open_.push_back({b_.depth(), container, has_key_ ? key_ : 0, has_key_ ? key_size_ : 0});
    has_key_ = false;
}

void Make::end() {
    const Open o = open_.back();
    open_.pop_back();
    Node n;
    n.type = o.type;
    n.key = o.key;
    n.key_size = o.key_size;
    b_.close(o.base, n);
}

void Make::key(std::string_view name) {
    key_ = static_cast<std::uint32_t>(b_.chars().size());
    key_size_ = static_cast<std::uint32_t>(name.size());
    b_.chars().append(name);
    has_key_ = true;
}

std::shared_ptr<const Tree> Make::finish() {
    if (b_.depth() == 0) null();
    return b_.finish();
}

std::shared_ptr<const Tree> string_tree(std::string_view s) {
    Make m;
    m.string(s);
    return m.finish();
}

namespace {

void copy_into(Make& m, Value v) {
    switch (v.type()) {
        case Type::null: m.null(); return;
        case Type::boolean: m.boolean(v.boolean()); return;
        case Type::integer: m.integer(v.integer()); return;
        case Type::unsigned_integer: m.unsigned_integer(v.unsigned_integer()); return;
        case Type::number: m.number(v.number()); return;
        case Type::string: m.string(v.str()); return;
        case Type::array:
            m.begin_array();
            for (std::size_t i = 0; i < v.size(); ++i) copy_into(m, v.item(i));
            m.end();
            return;
        case Type::object:
            m.begin_object();
            for (std::size_t i = 0; i < v.size(); ++i) {
                m.key(v.key(i));
                copy_into(m, v.item(i));
            }
            m.end();
            return;
    }
}

}  // namespace

std::shared_ptr<const Tree> copy_of(Value v) {
    Make m;
    if (v) copy_into(m, v);
    return m.finish();
}

namespace {

void write(std::string& out, Value v) {
    switch (v.type()) {
        case Type::null: out += "null"; return;
        case Type::boolean: out += v.boolean() ? "true" : "false"; return;
        case Type::integer: out += std::to_string(v.integer()); return;
        case Type::unsigned_integer: out += std::to_string(v.unsigned_integer()); return;
        case Type::number: {
            const double d = v.number();
            // -0.0 printed as "-0" would read back as the integer 0: keep it a number with a sign.
            if (d == 0 && std::signbit(d)) {
                out += "-0.0";
                return;
            }
            // A whole number beyond int64 printed with digits only ("677570000069657600000")
            // would read back as an integer out of range: such a number is printed with an
            // exponent.
            char buf[32];
            const bool beyond_int64 = std::fabs(d) >= 0x1p63;
            const auto r = beyond_int64 ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific)
                                        : std::to_chars(buf, buf + sizeof buf, d);
            out.append(buf, r.ptr);
            return;
        }
        case Type::string: out += json_quote(v.str()); return;
        case Type::array:
            out += '[';
            for (std::size_t k = 0; k < v.size(); ++k) {
                if (k) out += ',';
                write(out, v.item(k));
            }
            out += ']';
            return;
        case Type::object:
            out += '{';
            for (std::size_t k = 0; k < v.size(); ++k) {
                if (k) out += ',';
                out += json_quote(v.key(k));
                out += ':';
                write(out, v.item(k));
            }
            out += '}';
            return;
    }
}

// One reference token of a pointer, unescaped ("a~1b" -> "a/b").
std::string pointer_token(std::string_view token) {
    std::string out;
    for (std::size_t k = 0; k < token.size(); ++k) {
        if (token[k] == '~' && k + 1 < token.size() && token[k + 1] == '0') { out += '~'; ++k; }
        else if (token[k] == '~' && k + 1 < token.size() && token[k + 1] == '1') { out += '/'; ++k; }
        else out += token[k];
    }
    return out;
}

}  // namespace

std::string to_text(Value v) {
    std::string out;
    write(out, v);
    return out;
}

Value resolve(Value root, std::string_view pointer) {
    Value cur = root;
    if (pointer.empty()) return cur;
    if (pointer.front() != '/') return {};
    std::size_t pos = 1;
    for (;;) {
        const std::size_t next = pointer.find('/', pos);
        const std::string token =
            pointer_token(pointer.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (cur.is_object()) {
            cur = cur.find(token);
            if (!cur) return {};
        } else if (cur.is_array()) {
            if (token.empty() || (token.size() > 1 && token[0] == '0')) return {};
            std::size_t index = 0;
            const auto r = std::from_chars(token.data(), token.data() + token.size(), index);
            if (r.ec != std::errc() || r.ptr != token.data() + token.size() || index >= cur.size()) return {};
            cur = cur.item(index);
        } else {
            return {};
        }
        if (next == std::string_view::npos) return cur;
        pos = next + 1;
    }
}

}  // namespace timeline::json
