// Compiles schema documents into a Program: one Node per subschema location, keywords parsed
// and checked, patterns built, $refs resolved to node indices.
#include <algorithm>
#include <cmath>
#include <set>

#include "base/json_text.h"
#include "schema/program.h"
#include "schema/uri.h"

namespace timeline::schema {

namespace detail {

namespace {

using json::Value;

std::optional<std::uint8_t> type_bit(const std::string& name) {
    if (name == "null") return t_null;
    if (name == "boolean") return t_boolean;
    if (name == "object") return t_object;
    if (name == "array") return t_array;
    if (name == "number") return t_number;
    if (name == "string") return t_string;
    if (name == "integer") return t_integer;
    return std::nullopt;
}

// Splits an escaped JSON pointer into unescaped tokens; false when malformed.
bool pointer_tokens(const std::string& pointer, std::vector<std::string>& tokens) {
    tokens.clear();
    if (pointer.empty()) return true;
    if (pointer[0] != '/') return false;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(token);
            token.clear();
        } else if (pointer[i] == '~') {
            if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
            token += pointer[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return true;
}

bool array_index(const std::string& token, std::size_t size, std::size_t& index) {
    if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
    index = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return false;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return index < size;
}

std::string string_list(const std::vector<std::string>& items, std::size_t max_items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < max_items; ++i) {
        if (i) out += ", ";
        out += items[i];
    }
    if (items.size() > max_items) out += ", ...";
    return out;
}

}  // namespace

class Compiler {
public:
    Compiler(SchemaRegistry& registry, Program& program, std::vector<std::string>& errors)
        : reg_(*registry.data_), prog_(program), errors_(errors) {}

    std::size_t root_doc = 0;

    int compile_document(std::size_t doc) {
        return compile_at(doc, "", reg_.documents[doc].root(), reg_.documents[doc].uri);
    }

    void check_cycles();

    bool failed() const { return failed_; }

private:
    RegistryData& reg_;
    Program& prog_;
    std::vector<std::string>& errors_;
    std::map<std::pair<std::size_t, std::string>, int> memo_;
    bool failed_ = false;

    std::string where(std::size_t doc, const std::string& pointer) const {
        return reg_.documents[doc].uri + "#" + pointer;
    }

    void error(std::size_t doc, const std::string& pointer, const std::string& message) {
        failed_ = true;
        errors_.push_back(where(doc, pointer) + ": " + message);
    }

    std::string location(std::size_t doc, const std::string& pointer) const {
        if (doc == root_doc) return pointer;
        return where(doc, pointer);
    }

    int compile_at(std::size_t doc, const std::string& pointer, Value value, std::string base);
    int resolve_ref(const std::string& absolute, std::size_t doc, const std::string& pointer);
    std::string base_at(std::size_t doc, const std::vector<std::string>& tokens, Value& target, bool& found);

    bool non_negative_integer(Value v, std::size_t& out) {
        Number n;
        if (!number_of(v, n) || !n.is_integral() || n.exact() < 0) return false;
        const long double x = n.exact();
        out = x > 1e15L ? static_cast<std::size_t>(1e15) : static_cast<std::size_t>(x);
        return true;
    }

    void compile_keywords(std::size_t doc, const std::string& pointer, Value o, const std::string& base, Node& n);
};

int Compiler::compile_at(std::size_t doc, const std::string& pointer, Value value, std::string base) {
    const auto key = std::make_pair(doc, pointer);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    const int index = static_cast<int>(prog_.nodes.size());
    prog_.nodes.emplace_back();
    memo_.emplace(key, index);

    Node n;
    n.doc = doc;
    n.location = location(doc, pointer);
    n.pointer = pointer;
    const Kind k = kind_of(value);
    if (k == Kind::boolean) {
        n.form = value.boolean() ? Node::Form::always : Node::Form::never;
    } else if (k == Kind::object) {
        if (const Value ref = value.find("$ref")) {
            // draft-07: every other keyword beside $ref is ignored, "$id" included.
            if (kind_of(ref) != Kind::string) {
                error(doc, pointer_append(pointer, "$ref"), "$ref must be a string");
                n.form = Node::Form::always;
            } else {
                const std::string absolute = resolve_uri(base, std::string(ref.str()));
                const int target = resolve_ref(absolute, doc, pointer_append(pointer, "$ref"));
                n.form = target >= 0 ? Node::Form::ref : Node::Form::always;
                n.ref = target;
            }
        } else {
            if (const Value id = value.find("$id")) {
                if (kind_of(id) != Kind::string) {
                    error(doc, pointer_append(pointer, "$id"), "$id must be a string");
                } else {
                    const std::string text(id.str());
                    if (!without_fragment(text).empty()) base = without_fragment(resolve_uri(base, text));
                }
            }
            n.form = Node::Form::keywords;
            compile_keywords(doc, pointer, value, base, n);
        }
    } else {
        error(doc, pointer, "a schema must be an object or a boolean, found " + describe(value));
        n.form = Node::Form::always;
    }
    prog_.nodes[static_cast<std::size_t>(index)] = std::move(n);
    return index;
}

// Base URI in force for the value at `tokens` (from the document URI and the "$id"s of its
// ancestors), and the value itself.
std::string Compiler::base_at(std::size_t doc, const std::vector<std::string>& tokens, Value& target, bool& found) {
    std::string base = reg_.documents[doc].uri;
    Value current = reg_.documents[doc].root();
    found = true;
    for (const std::string& token : tokens) {
        if (current.is_object()) {
            if (!current.has("$ref")) {
                const Value id = current.find("$id");
                if (kind_of(id) == Kind::string && !without_fragment(std::string(id.str())).empty())
                    base = without_fragment(resolve_uri(base, std::string(id.str())));
            }
            const Value next = current.find(token);
            if (!next) {
                found = false;
                return base;
            }
            current = next;
        } else if (current.is_array()) {
            std::size_t i = 0;
            if (!array_index(token, current.size(), i)) {
                found = false;
                return base;
            }
            current = current.item(i);
        } else {
            found = false;
            return base;
        }
    }
    target = current;
    return base;
}

int Compiler::resolve_ref(const std::string& absolute, std::size_t doc, const std::string& pointer) {
    const std::string fragment_raw = fragment_of(absolute);
    std::string fragment;
    if (!percent_decode(fragment_raw, fragment)) {
        error(doc, pointer, "$ref \"" + absolute + "\" has a malformed percent escape");
        return -1;
    }
    std::optional<Location> start;
    std::string json_pointer;
    if (!fragment.empty() && fragment[0] != '/') {
        // A plain-name fragment names a subschema by its "$id".
        auto it = reg_.ids.find(without_fragment(absolute) + "#" + fragment);
        if (it == reg_.ids.end()) it = reg_.ids.find(absolute);
        if (it == reg_.ids.end()) {
            // The document may not be loaded yet.
            std::string ignored;
            reg_.find_or_load(without_fragment(absolute), ignored);
            it = reg_.ids.find(without_fragment(absolute) + "#" + fragment);
            if (it == reg_.ids.end()) it = reg_.ids.find(absolute);
        }
        if (it == reg_.ids.end()) {
            error(doc, pointer, "cannot resolve $ref \"" + absolute + "\": no subschema has this id");
            return -1;
        }
        start = it->second;
    } else {
        std::string load_error;
        start = reg_.find_or_load(without_fragment(absolute), load_error);
        if (!start) {
            error(doc, pointer, "cannot resolve $ref \"" + absolute + "\": " + load_error);
            return -1;
        }
        json_pointer = fragment;
    }
    std::vector<std::string> tokens;
    std::vector<std::string> rest;
    if (!pointer_tokens(start->pointer, tokens) || !pointer_tokens(json_pointer, rest)) {
        error(doc, pointer, "$ref \"" + absolute + "\" has a malformed JSON pointer");
        return -1;
    }
    tokens.insert(tokens.end(), rest.begin(), rest.end());
    Value target;
    bool found = false;
    const std::string base = base_at(start->doc, tokens, target, found);
    if (!found) {
        error(doc, pointer, "cannot resolve $ref \"" + absolute + "\": the document has no value at that pointer");
        return -1;
    }
    std::string target_pointer;
    for (const std::string& t : tokens) target_pointer = pointer_append(target_pointer, t);
    return compile_at(start->doc, target_pointer, target, base);
}

void Compiler::compile_keywords(std::size_t doc, const std::string& pointer, Value o, const std::string& base,
                                Node& n) {
    bool members_added = false;
    bool has_if = false;
    for (std::size_t member = 0; member < o.size(); ++member) {
        const std::string name(o.key(member));
        const Value v = o.item(member);
        const std::string p = pointer_append(pointer, name);
        const Kind k = kind_of(v);
        auto schema = [&](Value sub, const std::string& sub_pointer) { return compile_at(doc, sub_pointer, sub, base); };
        auto number = [&](Number& out, Kw kw) {
            if (!number_of(v, out)) {
                error(doc, p, name + " must be a number, found " + describe(v));
                return;
            }
            n.order.push_back(kw);
        };
        auto count = [&](std::size_t& out, Kw kw) {
            if (!non_negative_integer(v, out)) {
                error(doc, p, name + " must be a non-negative integer, found " + describe(v));
                return;
            }
            n.order.push_back(kw);
        };
        auto schema_array = [&](std::vector<int>& out, Kw kw) {
            if (!v.is_array() || v.size() == 0) {
                error(doc, p, name + " must be a non-empty array of schemas");
                return;
            }
            for (std::size_t i = 0; i < v.size(); ++i) out.push_back(schema(v.item(i), pointer_append(p, i)));
            n.order.push_back(kw);
        };
        auto add_members = [&] {
            if (!members_added) n.order.push_back(Kw::members);
            members_added = true;
        };

        if (name == "type") {
            std::vector<Value> names;
            if (k == Kind::string) {
                names.push_back(v);
            } else if (v.is_array()) {
                for (std::size_t i = 0; i < v.size(); ++i) names.push_back(v.item(i));
                if (names.empty()) error(doc, p, "type must not be an empty array");
            } else {
                error(doc, p, "type must be a string or an array of strings, found " + describe(v));
                continue;
            }
            bool ok = !names.empty();
            for (const Value t : names) {
                const auto bit = kind_of(t) == Kind::string ? type_bit(std::string(t.str())) : std::nullopt;
                if (!bit) {
                    error(doc, p, brief(t) + " is not a type (expected one of: array, boolean, integer, null, number, object, string)");
                    ok = false;
                    continue;
                }
                n.types |= *bit;
            }
            if (ok) n.order.push_back(Kw::type);
        } else if (name == "enum") {
            if (!v.is_array()) {
                error(doc, p, "enum must be an array, found " + describe(v));
                continue;
            }
            n.enum_values = v;
            const Value values = v;
            std::vector<std::string> shown;
            for (std::size_t i = 0; i < values.size(); ++i) {
                const json::Value e = values.item(i);
                shown.push_back(kind_of(e) == Kind::string ? std::string(e.str()) : brief(e));
            }
            n.enum_list = string_list(shown, 12);
            n.order.push_back(Kw::enum_);
        } else if (name == "const") {
            n.const_value = v;
            n.order.push_back(Kw::const_);
        } else if (name == "multipleOf") {
            Number m;
            if (!number_of(v, m) || m.exact() <= 0) {
                error(doc, p, "multipleOf must be a number greater than 0, found " + describe(v));
                continue;
            }
            n.multiple_of = m;
            n.order.push_back(Kw::multiple_of);
        } else if (name == "maximum") {
            number(n.maximum, Kw::maximum);
        } else if (name == "exclusiveMaximum") {
            number(n.exclusive_maximum, Kw::exclusive_maximum);
        } else if (name == "minimum") {
            number(n.minimum, Kw::minimum);
        } else if (name == "exclusiveMinimum") {
            number(n.exclusive_minimum, Kw::exclusive_minimum);
        } else if (name == "maxLength") {
            count(n.max_length, Kw::max_length);
        } else if (name == "minLength") {
            count(n.min_length, Kw::min_length);
        } else if (name == "maxItems") {
            count(n.max_items, Kw::max_items);
        } else if (name == "minItems") {
            count(n.min_items, Kw::min_items);
        } else if (name == "maxProperties") {
            count(n.max_properties, Kw::max_properties);
        } else if (name == "minProperties") {
            count(n.min_properties, Kw::min_properties);
        } else if (name == "pattern") {
            if (k != Kind::string) {
                error(doc, p, "pattern must be a string, found " + describe(v));
                continue;
            }
            std::string why;
            n.pattern = Pattern::compile(std::string(v.str()), why);
            if (!n.pattern) {
                error(doc, p, "invalid pattern " + json_quote(v.str()) + ": " + why);
                continue;
            }
            n.order.push_back(Kw::pattern);
        } else if (name == "format") {
            if (k != Kind::string) {
                error(doc, p, "format must be a string, found " + describe(v));
                continue;
            }
            if (auto f = format_from_name(std::string(v.str()))) {
                n.format = *f;
                n.order.push_back(Kw::format);
            }
        } else if (name == "items") {
            if (v.is_array()) {
                n.items_is_array = true;
                for (std::size_t i = 0; i < v.size(); ++i) n.items_array.push_back(schema(v.item(i), pointer_append(p, i)));
            } else {
                n.items = schema(v, p);
            }
            if (std::find(n.order.begin(), n.order.end(), Kw::items) == n.order.end()) n.order.push_back(Kw::items);
        } else if (name == "additionalItems") {
            n.additional_items = schema(v, p);
            if (std::find(n.order.begin(), n.order.end(), Kw::items) == n.order.end()) n.order.push_back(Kw::items);
        } else if (name == "contains") {
            n.contains = schema(v, p);
            n.order.push_back(Kw::contains);
        } else if (name == "uniqueItems") {
            if (k != Kind::boolean) {
                error(doc, p, "uniqueItems must be a boolean, found " + describe(v));
                continue;
            }
            if (v.boolean()) n.order.push_back(Kw::unique_items);
        } else if (name == "properties") {
            if (!v.is_object()) {
                error(doc, p, "properties must be an object, found " + describe(v));
                continue;
            }
            n.has_properties = true;
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string prop(v.key(i));
                n.properties[prop] = schema(v.item(i), pointer_append(p, prop));
                n.property_names_list.push_back(prop);
            }
            add_members();
        } else if (name == "patternProperties") {
            if (!v.is_object()) {
                error(doc, p, "patternProperties must be an object, found " + describe(v));
                continue;
            }
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string source(v.key(i));
                std::string why;
                std::optional<Pattern> re = Pattern::compile(source, why);
                const std::string sub = pointer_append(p, source);
                if (!re) {
                    error(doc, sub, "invalid pattern " + json_quote(source) + ": " + why);
                    continue;
                }
                n.pattern_properties.emplace_back(std::move(*re), schema(v.item(i), sub));
            }
            add_members();
        } else if (name == "additionalProperties") {
            n.has_additional = true;
            n.additional_properties = schema(v, p);
            add_members();
        } else if (name == "propertyNames") {
            n.property_names = schema(v, p);
            n.order.push_back(Kw::property_names);
        } else if (name == "required") {
            if (!v.is_array()) {
                error(doc, p, "required must be an array of strings, found " + describe(v));
                continue;
            }
            std::set<std::string, std::less<>> seen;
            for (std::size_t i = 0; i < v.size(); ++i) {
                const Value item = v.item(i);
                if (kind_of(item) != Kind::string) {
                    error(doc, p, "required must contain only strings, found " + describe(item));
                    continue;
                }
                if (seen.emplace(item.str()).second) n.required.emplace_back(item.str());
            }
            n.order.push_back(Kw::required);
        } else if (name == "dependencies") {
            if (!v.is_object()) {
                error(doc, p, "dependencies must be an object, found " + describe(v));
                continue;
            }
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string dep(v.key(i));
                const Value d = v.item(i);
                Node::Dependency entry;
                entry.name = dep;
                if (d.is_array()) {
                    for (std::size_t f = 0; f < d.size(); ++f) {
                        const Value item = d.item(f);
                        if (kind_of(item) != Kind::string) {
                            error(doc, pointer_append(p, dep), "dependencies must list field names as strings, found " + describe(item));
                            continue;
                        }
                        entry.fields.emplace_back(item.str());
                    }
                } else {
                    entry.schema = schema(d, pointer_append(p, dep));
                }
                n.dependencies.push_back(std::move(entry));
            }
            n.order.push_back(Kw::dependencies);
        } else if (name == "allOf") {
            schema_array(n.all_of, Kw::all_of);
        } else if (name == "anyOf") {
            schema_array(n.any_of, Kw::any_of);
        } else if (name == "oneOf") {
            schema_array(n.one_of, Kw::one_of);
        } else if (name == "not") {
            n.not_ = schema(v, p);
            n.order.push_back(Kw::not_);
        } else if (name == "if") {
            n.if_ = schema(v, p);
            has_if = true;
            n.order.push_back(Kw::if_);
        } else if (name == "then") {
            n.then_ = schema(v, p);
        } else if (name == "else") {
            n.else_ = schema(v, p);
        } else if (name == "definitions") {
            if (!v.is_object()) {
                error(doc, p, "definitions must be an object, found " + describe(v));
                continue;
            }
            for (std::size_t i = 0; i < v.size(); ++i) schema(v.item(i), pointer_append(p, v.key(i)));
        }
        // Any other keyword is an annotation or unknown: ignored.
    }
    if (has_if && n.then_ < 0 && n.else_ < 0) {
        n.order.erase(std::remove(n.order.begin(), n.order.end(), Kw::if_), n.order.end());
    }
}

// A chain of subschemas that applies to the same instance value and comes back to itself
// (e.g. {"$ref": "#"} at the root, or through allOf) would never terminate.
void Compiler::check_cycles() {
    const std::size_t count = prog_.nodes.size();
    std::vector<std::vector<int>> edges(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Node& n = prog_.nodes[i];
        auto add = [&](int to) {
            if (to >= 0) edges[i].push_back(to);
        };
        add(n.ref);
        for (int s : n.all_of) add(s);
        for (int s : n.any_of) add(s);
        for (int s : n.one_of) add(s);
        add(n.not_);
        add(n.if_);
        add(n.then_);
        add(n.else_);
        for (const auto& d : n.dependencies) add(d.schema);
    }
    // Iterative depth-first search: 0 unvisited, 1 on the stack, 2 done.
    std::vector<std::uint8_t> state(count, 0);
    for (std::size_t start = 0; start < count; ++start) {
        if (state[start]) continue;
        std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(start), 0}};
        state[start] = 1;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            const auto u = static_cast<std::size_t>(node);
            if (next < edges[u].size()) {
                const int to = edges[u][next++];
                const auto t = static_cast<std::size_t>(to);
                if (state[t] == 1) {
                    std::string chain;
                    bool in_cycle = false;
                    for (const auto& frame : stack) {
                        if (frame.first == to) in_cycle = true;
                        if (!in_cycle) continue;
                        const Node& n = prog_.nodes[static_cast<std::size_t>(frame.first)];
                        chain += (chain.empty() ? "" : " -> ") + where(n.doc, n.pointer);
                    }
                    const Node& target = prog_.nodes[t];
                    error(target.doc, target.pointer,
                          "schema refers back to itself without advancing in the instance (" + chain + ")");
                    return;
                }
                if (state[t] == 0) {
                    state[t] = 1;
                    stack.emplace_back(to, 0);
                }
            } else {
                state[u] = 2;
                stack.pop_back();
            }
        }
    }
}

}  // namespace detail

std::optional<Validator> Validator::compile(std::shared_ptr<const json::Tree> schema, const std::string& base_uri,
                                            SchemaRegistry& registry, std::vector<std::string>& errors) {
    auto program = std::make_shared<detail::Program>();
    detail::RegistryData& reg = *registry.data_;
    std::string uri = detail::without_fragment(base_uri);
    if (uri.empty()) uri = "urn:timeline:schema:" + std::to_string(++reg.anonymous);
    program->base_uri = uri;
    const std::size_t doc = reg.add(uri, std::move(schema));
    detail::Compiler compiler(registry, *program, errors);
    compiler.root_doc = doc;
    program->root = compiler.compile_document(doc);
    if (!compiler.failed()) compiler.check_cycles();
    if (compiler.failed()) return std::nullopt;
    for (const auto& d : reg.documents) program->documents.push_back(d.tree);
    Validator v;
    v.program_ = std::move(program);
    return v;
}

const std::string& Validator::base_uri() const {
    return program_->base_uri;
}

}  // namespace timeline::schema
