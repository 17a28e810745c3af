// Evaluates a compiled Program against instances.
#include "schema/validator.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/json_text.h"
#include "base/suggest.h"
#include "schema/program.h"

namespace timeline::schema {

namespace detail {

namespace {

using json::Value;

// One step of the path from the instance root to the value being checked: a member (its
// name, and its place among the object's members) or an array item.
struct Step {
    bool member = false;
    std::string_view key;
    std::size_t index = 0;
};

struct Pending {
    Error error;
    std::vector<std::size_t> order;  // positions along the path, for document order
    std::uint8_t expected_types = 0;  // set on "type" errors
};
using Sink = std::vector<Pending>;

std::string type_list(std::uint8_t bits) {
    static constexpr std::pair<std::uint8_t, const char*> names[] = {
        {t_object, "object"}, {t_array, "array"}, {t_string, "string"}, {t_number, "number"},
        {t_integer, "integer"}, {t_boolean, "boolean"}, {t_null, "null"}};
    if ((bits & t_number) && (bits & t_integer)) bits = static_cast<std::uint8_t>(bits & ~t_integer);
    std::vector<const char*> parts;
    for (const auto& [bit, name] : names)
        if (bits & bit) parts.push_back(name);
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += i + 1 == parts.size() ? " or " : ", ";
        out += parts[i];
    }
    return out;
}

bool type_matches(std::uint8_t bits, Kind k, Value v) {
    switch (k) {
        case Kind::null: return bits & t_null;
        case Kind::boolean: return bits & t_boolean;
        case Kind::object: return bits & t_object;
        case Kind::array: return bits & t_array;
        case Kind::string: return bits & t_string;
        case Kind::integer: return bits & (t_integer | t_number);
        case Kind::number: {
            if (bits & t_number) return true;
            if (!(bits & t_integer)) return false;
            Number n;
            number_of(v, n);
            return n.is_integral();
        }
        case Kind::other: break;
    }
    return false;
}

// "\"aaaa…\" could not be checked against pattern ^(a|aa)*$ within the time limit of the
// matcher: the pattern backtracks too much on it"
std::string unchecked(const std::string& what, const Pattern& p, Match m) {
    const char* why = m == Match::too_slow ? " within the time limit of the matcher: the pattern backtracks too much on it"
                      : m == Match::too_deep ? " within the memory limit of the matcher: the pattern backtracks too deep on it"
                                             : ": the regular expression engine refused the pattern";
    return what + " could not be checked against pattern " + p.source() + why;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// `; did you mean "about"?` for a string close to one of the enum's strings.
std::string enum_hint(const Node& n, Value v) {
    if (!v.is_string()) return {};
    std::vector<std::string> strings;
    const Value values = n.enum_values;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values.item(i).is_string()) strings.emplace_back(values.item(i).str());
    return did_you_mean(std::string(v.str()), strings);
}

class Evaluator {
public:
    explicit Evaluator(const Program& p) : p_(p) {}

    bool eval(int id, Value v, Sink* sink);

private:
    const Program& p_;
    std::vector<Step> path_;

    const Node& node(int id) const { return p_.nodes[static_cast<std::size_t>(id)]; }

    // Whether a subschema is `false` (directly or through $ref).
    bool never(int id) const {
        for (int guard = 0; id >= 0 && guard < 64; ++guard) {
            const Node& n = node(id);
            if (n.form == Node::Form::never) return true;
            if (n.form != Node::Form::ref) return false;
            id = n.ref;
        }
        return false;
    }

    void emit(Sink* sink, const Node& n, const char* keyword, std::string message, std::uint8_t types = 0) const {
        if (!sink) return;
        Pending e;
        std::string pointer;
        e.order.reserve(path_.size());
        for (const Step& s : path_) {
            pointer = s.member ? pointer_append(pointer, s.key) : pointer_append(pointer, s.index);
            e.order.push_back(s.index);
        }
        const std::string kw = keyword;
        e.error = Error{std::move(pointer), kw == "false" ? n.location : n.location + "/" + kw, kw, std::move(message)};
        e.expected_types = types;
        sink->push_back(std::move(e));
    }

    bool eval_keywords(const Node& n, Value v, Sink* sink);
    bool eval_array(const Node& n, Kw kw, Value a, Sink* sink);
    bool eval_members(const Node& n, Value o, Sink* sink);
    bool eval_property_names(const Node& n, Value o, Sink* sink);
    std::string unknown_field(const Node& n, std::string_view key) const;
    void report_best(const Node& n, const char* keyword, const std::vector<int>& branches, Value v, Sink* sink);
};

bool Evaluator::eval(int id, Value v, Sink* sink) {
    const Node& n = node(id);
    switch (n.form) {
        case Node::Form::always: return true;
        case Node::Form::never:
            emit(sink, n, "false", "value is not allowed here");
            return false;
        case Node::Form::ref: return eval(n.ref, v, sink);
        case Node::Form::keywords: break;
    }
    return eval_keywords(n, v, sink);
}

bool Evaluator::eval_keywords(const Node& n, Value v, Sink* sink) {
    const Kind k = kind_of(v);
    bool ok = true;
    // enum and const say nothing more when the type is already wrong.
    const bool type_failed = n.types != 0 && !type_matches(n.types, k, v);
    Number num;
    const bool is_number = (k == Kind::integer || k == Kind::number) && number_of(v, num);
    const std::string_view text = v.str();
    const std::string_view* str = k == Kind::string ? &text : nullptr;
    const bool arr = k == Kind::array;
    const bool obj = k == Kind::object;

    for (const Kw kw : n.order) {
        bool r = true;
        switch (kw) {
            case Kw::type:
                if (type_failed) {
                    r = false;
                    emit(sink, n, "type", "expected " + type_list(n.types) + ", found " + describe(v), n.types);
                }
                break;
            case Kw::enum_: {
                const Value values = n.enum_values;
                r = false;
                for (std::size_t i = 0; i < values.size() && !r; ++i) r = json_equal(v, values.item(i));
                if (!r && !type_failed) emit(sink, n, "enum", brief(v) + " is not one of: " + n.enum_list + enum_hint(n, v));
                break;
            }
            case Kw::const_:
                r = json_equal(v, n.const_value);
                if (!r && !type_failed) emit(sink, n, "const", "expected " + brief(n.const_value) + ", found " + describe(v));
                break;
            case Kw::multiple_of:
                if (is_number && !is_multiple_of(num, n.multiple_of)) {
                    r = false;
                    emit(sink, n, "multipleOf", num.text() + " is not a multiple of " + n.multiple_of.text());
                }
                break;
            case Kw::maximum:
                if (is_number && compare(num, n.maximum) > 0) {
                    r = false;
                    emit(sink, n, "maximum", num.text() + " is greater than the maximum of " + n.maximum.text());
                }
                break;
            case Kw::exclusive_maximum:
                if (is_number && compare(num, n.exclusive_maximum) >= 0) {
                    r = false;
                    emit(sink, n, "exclusiveMaximum",
                         num.text() + " is not less than the exclusive maximum of " + n.exclusive_maximum.text());
                }
                break;
            case Kw::minimum:
                if (is_number && compare(num, n.minimum) < 0) {
                    r = false;
                    emit(sink, n, "minimum", num.text() + " is less than the minimum of " + n.minimum.text());
                }
                break;
            case Kw::exclusive_minimum:
                if (is_number && compare(num, n.exclusive_minimum) <= 0) {
                    r = false;
                    emit(sink, n, "exclusiveMinimum",
                         num.text() + " is not greater than the exclusive minimum of " + n.exclusive_minimum.text());
                }
                break;
            case Kw::max_length:
                if (str && str->size() > n.max_length) {
                    const std::size_t len = code_points(*str);
                    if (len > n.max_length) {
                        r = false;
                        emit(sink, n, "maxLength",
                             brief(v) + " is " + plural(len, "character", "characters") + " long, more than the maximum of " +
                                 std::to_string(n.max_length));
                    }
                }
                break;
            case Kw::min_length:
                // A code point takes at most 4 bytes: long enough texts need no counting.
                if (str && str->size() < 4 * n.min_length) {
                    const std::size_t len = code_points(*str);
                    if (len < n.min_length) {
                        r = false;
                        emit(sink, n, "minLength",
                             brief(v) + " is " + plural(len, "character", "characters") +
                                 " long, less than the minimum of " + std::to_string(n.min_length));
                    }
                }
                break;
            case Kw::pattern:
                if (str) {
                    const Match m = n.pattern->search(*str);
                    if (m != Match::yes) {
                        r = false;
                        if (m == Match::no) emit(sink, n, "pattern", brief(v) + " does not match pattern " + n.pattern->source());
                        else emit(sink, n, kUncheckedPattern, unchecked(brief(v), *n.pattern, m));
                    }
                }
                break;
            case Kw::format:
                if (str && !check_format(n.format, *str)) {
                    r = false;
                    emit(sink, n, "format", brief(v) + " is not a valid " + format_description(n.format));
                }
                break;
            case Kw::items:
            case Kw::contains:
            case Kw::max_items:
            case Kw::min_items:
            case Kw::unique_items:
                if (arr) r = eval_array(n, kw, v, sink);
                break;
            case Kw::members:
                if (obj) r = eval_members(n, v, sink);
                break;
            case Kw::property_names:
                if (obj) r = eval_property_names(n, v, sink);
                break;
            case Kw::required:
                if (obj) {
                    for (const std::string& name : n.required) {
                        if (v.has(name)) continue;
                        r = false;
                        if (!sink) break;
                        emit(sink, n, "required", "missing required field " + json_quote(name));
                    }
                }
                break;
            case Kw::max_properties:
                if (obj && v.size() > n.max_properties) {
                    r = false;
                    emit(sink, n, "maxProperties",
                         "object has " + plural(v.size(), "field", "fields") + ", more than the maximum of " +
                             std::to_string(n.max_properties));
                }
                break;
            case Kw::min_properties:
                if (obj && v.size() < n.min_properties) {
                    r = false;
                    emit(sink, n, "minProperties",
                         "object has " + plural(v.size(), "field", "fields") + ", fewer than the minimum of " +
                             std::to_string(n.min_properties));
                }
                break;
            case Kw::dependencies:
                if (obj) {
                    for (const auto& d : n.dependencies) {
                        if (!v.has(d.name)) continue;
                        if (d.schema >= 0) {
                            if (!eval(d.schema, v, sink)) r = false;
                        } else {
                            for (const std::string& f : d.fields) {
                                if (v.has(f)) continue;
                                r = false;
                                emit(sink, n, "dependencies",
                                     "field " + json_quote(f) + " is required when " + json_quote(d.name) + " is present");
                            }
                        }
                        if (!r && !sink) break;
                    }
                }
                break;
            case Kw::all_of:
                for (int s : n.all_of) {
                    if (!eval(s, v, sink)) r = false;
                    if (!r && !sink) break;
                }
                break;
            case Kw::any_of:
                r = std::any_of(n.any_of.begin(), n.any_of.end(), [&](int s) { return eval(s, v, nullptr); });
                if (!r && sink) report_best(n, "anyOf", n.any_of, v, sink);
                break;
            case Kw::one_of: {
                std::size_t matched[2] = {0, 0}, count = 0;  // the first two alternatives that match
                for (std::size_t i = 0; i < n.one_of.size() && count < 2; ++i)
                    if (eval(n.one_of[i], v, nullptr)) matched[count++] = i;
                if (count == 1) break;
                r = false;
                if (!sink) break;
                if (count == 0) {
                    report_best(n, "oneOf", n.one_of, v, sink);
                } else {
                    emit(sink, n, "oneOf",
                         "value matches more than one of the \"oneOf\" alternatives (" + std::to_string(matched[0]) + " and " +
                             std::to_string(matched[1]) + ")");
                }
                break;
            }
            case Kw::not_:
                if (eval(n.not_, v, nullptr)) {
                    r = false;
                    emit(sink, n, "not", brief(v) + " must not match the \"not\" schema");
                }
                break;
            case Kw::if_: {
                const bool condition = eval(n.if_, v, nullptr);
                const int branch = condition ? n.then_ : n.else_;
                if (branch >= 0) r = eval(branch, v, sink);
                break;
            }
        }
        if (!r) {
            ok = false;
            if (!sink) return false;
        }
    }
    return ok;
}

bool Evaluator::eval_array(const Node& n, Kw kw, Value a, Sink* sink) {
    const std::size_t size = a.size();
    bool ok = true;
    switch (kw) {
        case Kw::items: {
            std::size_t checked = 0;
            int rest = -1;
            const char* rest_keyword = "items";
            if (n.items_is_array) {
                checked = std::min(size, n.items_array.size());
                for (std::size_t i = 0; i < checked; ++i) {
                    path_.push_back(Step{false, {}, i});
                    const int child = n.items_array[i];
                    if (never(child)) {
                        ok = false;
                        emit(sink, n, "items", "item " + std::to_string(i) + " is not allowed");
                    } else if (!eval(child, a.item(i), sink)) {
                        ok = false;
                    }
                    path_.pop_back();
                    if (!ok && !sink) return false;
                }
                rest = n.additional_items;
                rest_keyword = "additionalItems";
            } else {
                rest = n.items;
            }
            if (rest < 0 || checked >= size) return ok;
            if (never(rest)) {
                if (n.items_is_array) {
                    path_.push_back(Step{false, {}, checked});
                    emit(sink, n, rest_keyword,
                         "unexpected item " + std::to_string(checked) + " (at most " +
                             plural(checked, "item is", "items are") + " allowed)");
                    path_.pop_back();
                } else {
                    emit(sink, n, rest_keyword, "array must be empty, found " + plural(size, "item", "items"));
                }
                return false;
            }
            for (std::size_t i = checked; i < size; ++i) {
                path_.push_back(Step{false, {}, i});
                if (!eval(rest, a.item(i), sink)) ok = false;
                path_.pop_back();
                if (!ok && !sink) return false;
            }
            return ok;
        }
        case Kw::contains: {
            for (std::size_t i = 0; i < size; ++i)
                if (eval(n.contains, a.item(i), nullptr)) return true;
            emit(sink, n, "contains",
                 size == 0 ? "array is empty but must contain an item matching the \"contains\" schema"
                           : "array has no item matching the \"contains\" schema");
            return false;
        }
        case Kw::max_items:
            if (size <= n.max_items) return true;
            emit(sink, n, "maxItems",
                 "array has " + plural(size, "item", "items") + ", more than the maximum of " + std::to_string(n.max_items));
            return false;
        case Kw::min_items:
            if (size >= n.min_items) return true;
            emit(sink, n, "minItems",
                 "array has " + plural(size, "item", "items") + ", fewer than the minimum of " + std::to_string(n.min_items));
            return false;
        case Kw::unique_items: {
            std::unordered_multimap<std::size_t, std::size_t> seen;
            seen.reserve(size);
            for (std::size_t i = 0; i < size; ++i) {
                const Value item = a.item(i);
                const std::size_t h = json_hash(item);
                const auto range = seen.equal_range(h);
                std::size_t duplicate_of = size;
                for (auto it = range.first; it != range.second; ++it) {
                    if (json_equal(item, a.item(it->second))) {
                        duplicate_of = std::min(duplicate_of, it->second);
                    }
                }
                if (duplicate_of < size) {
                    ok = false;
                    if (!sink) return false;
                    path_.push_back(Step{false, {}, i});
                    emit(sink, n, "uniqueItems",
                         "item " + std::to_string(i) + " is a duplicate of item " + std::to_string(duplicate_of) +
                             " (items must be unique)");
                    path_.pop_back();
                    continue;
                }
                seen.emplace(h, i);
            }
            return ok;
        }
        default: break;
    }
    return true;
}

std::string Evaluator::unknown_field(const Node& n, std::string_view key) const {
    std::vector<std::string> allowed;
    for (const std::string& name : n.property_names_list)
        if (!never(n.properties.at(name))) allowed.push_back(name);
    std::string list;
    constexpr std::size_t shown = 12;
    for (std::size_t i = 0; i < allowed.size() && i < shown; ++i) {
        if (i) list += ", ";
        list += allowed[i];
    }
    if (allowed.size() > shown) list += ", ...";
    if (!n.pattern_properties.empty()) {
        if (!list.empty()) list += ", or ";
        list += "names matching ";
        for (std::size_t i = 0; i < n.pattern_properties.size(); ++i) {
            if (i) list += " or ";
            list += n.pattern_properties[i].first.source();
        }
    }
    if (list.empty()) return "unknown field " + json_quote(key) + " (no fields are allowed here)";
    return "unknown field " + json_quote(key) + " (allowed: " + list + ")" + did_you_mean(std::string(key), allowed);
}

bool Evaluator::eval_members(const Node& n, Value o, Sink* sink) {
    bool ok = true;
    for (std::size_t i = 0; i < o.size(); ++i) {
        const std::string_view key = o.key(i);
        const Value value = o.item(i);
        path_.push_back(Step{true, key, i});
        bool matched = false;
        if (n.has_properties) {
            const auto it = n.properties.find(key);
            if (it != n.properties.end()) {
                matched = true;
                if (never(it->second)) {
                    ok = false;
                    emit(sink, node(it->second), "false", "field " + json_quote(key) + " is not allowed");
                } else if (!eval(it->second, value, sink)) {
                    ok = false;
                }
            }
        }
        for (const auto& [re, child] : n.pattern_properties) {
            if (!ok && !sink) break;
            const Match m = re.search(key);
            if (m == Match::no) continue;
            if (m != Match::yes) {
                // Whether the schema of this name applies cannot be told: an error, not a guess.
                ok = false;
                emit(sink, n, kUncheckedPattern, unchecked("field name " + json_quote(key), re, m));
                continue;
            }
            matched = true;
            if (never(child)) {
                ok = false;
                emit(sink, node(child), "false", "field " + json_quote(key) + " is not allowed");
            } else if (!eval(child, value, sink)) {
                ok = false;
            }
        }
        if (!matched && n.has_additional && (ok || sink)) {
            if (never(n.additional_properties)) {
                ok = false;
                if (sink) emit(sink, n, "additionalProperties", unknown_field(n, key));
            } else if (!eval(n.additional_properties, value, sink)) {
                ok = false;
            }
        }
        path_.pop_back();
        if (!ok && !sink) return false;
    }
    return ok;
}

bool Evaluator::eval_property_names(const Node& n, Value o, Sink* sink) {
    bool ok = true;
    for (std::size_t i = 0; i < o.size(); ++i) {
        const std::string_view key = o.key(i);
        path_.push_back(Step{true, key, i});
        if (never(n.property_names)) {
            ok = false;
            emit(sink, n, "propertyNames", "field " + json_quote(key) + " is not allowed");
        } else {
            Sink inner;
            const auto name = json::string_tree(key);
            if (!eval(n.property_names, name->root(), sink ? &inner : nullptr)) {
                ok = false;
                for (Pending& e : inner) {
                    e.error.keyword = "propertyNames";
                    e.error.message = "invalid field name: " + e.error.message;
                    sink->push_back(std::move(e));
                }
            }
        }
        path_.pop_back();
        if (!ok && !sink) return false;
    }
    return ok;
}

// All alternatives failed: report the errors of the most useful one, or one combined
// "expected A or B" when every alternative only rejected the type of the value.
void Evaluator::report_best(const Node& n, const char* keyword, const std::vector<int>& branches, Value v,
                            Sink* sink) {
    std::vector<Sink> results(branches.size());
    for (std::size_t i = 0; i < branches.size(); ++i) eval(branches[i], v, &results[i]);

    const std::size_t here = path_.size();
    auto type_only = [&](const Sink& s) {
        return s.size() == 1 && s[0].expected_types != 0 && s[0].order.size() == here;
    };
    if (std::all_of(results.begin(), results.end(), type_only)) {
        std::uint8_t bits = 0;
        for (const Sink& s : results) bits |= s[0].expected_types;
        emit(sink, n, keyword, "expected " + type_list(bits) + ", found " + describe(v), bits);
        return;
    }
    std::size_t best = results.size();
    std::size_t best_depth = 0;
    std::size_t best_count = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const Sink& s = results[i];
        if (s.empty() || type_only(s)) continue;
        std::size_t depth = 0;
        for (const Pending& e : s) depth = std::max(depth, e.order.size());
        if (best == results.size() || depth > best_depth || (depth == best_depth && s.size() < best_count)) {
            best = i;
            best_depth = depth;
            best_count = s.size();
        }
    }
    if (best == results.size()) {
        emit(sink, n, keyword, brief(v) + " does not match any of the \"" + std::string(keyword) + "\" alternatives");
        return;
    }
    for (Pending& e : results[best]) sink->push_back(std::move(e));
}

}  // namespace

}  // namespace detail

std::vector<Error> Validator::validate(json::Value instance) const {
    detail::Sink sink;
    detail::Evaluator evaluator(*program_);
    evaluator.eval(program_->root, instance, &sink);
    std::stable_sort(sink.begin(), sink.end(),
                     [](const detail::Pending& a, const detail::Pending& b) { return a.order < b.order; });
    std::vector<Error> out;
    out.reserve(sink.size());
    std::unordered_set<std::string> seen;
    for (detail::Pending& e : sink) {
        // The same problem reached through several subschemas is reported once.
        if (seen.insert(e.error.instance_pointer + '\n' + e.error.message).second) out.push_back(std::move(e.error));
    }
    return out;
}

bool Validator::is_valid(json::Value instance) const {
    detail::Evaluator evaluator(*program_);
    return evaluator.eval(program_->root, instance, nullptr);
}

}  // namespace timeline::schema
