// `timeline fonts check`: whether the theme's fonts cover every character the data, the
// template and the fixed texts of a brief can print (PRODUCT §5: never a blank box).
#include <iostream>
#include <map>
#include <set>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/resources.h"
#include "i18n/messages.h"
#include "i18n/typography.h"
#include "load/template.h"
#include "text/fonts.h"
#include "theme/theme.h"

namespace timeline::cli {
namespace {

// One text to check and where it comes from ("data/x.json /events/3/title/zh").
struct Sample {
    std::string text;
    std::string file;
    std::string pointer;
    std::string record;
};

void add(std::vector<Sample>& out, const Text& t, const Origin& o, const std::string& field, const std::string& id) {
    // As printed: quotes, apostrophes and dashes as each language sets them.
    if (!t.zh.empty()) out.push_back({i18n::typographic(t.zh, Lang::zh), o.file, o.pointer + "/" + field + "/zh", id});
    if (!t.en.empty()) out.push_back({i18n::typographic(t.en, Lang::en), o.file, o.pointer + "/" + field + "/en", id});
}

std::vector<Sample> samples(const Dataset& ds, const ReportTemplate* tmpl) {
    std::vector<Sample> out;
    for (const auto& r : ds.units) add(out, r.label, r.origin, "label", r.id);
    for (const auto& r : ds.lanes) add(out, r.label, r.origin, "label", r.id);
    for (const auto& r : ds.metrics) add(out, r.label, r.origin, "label", r.id);
    for (const auto& r : ds.sources) {
        add(out, r.publisher, r.origin, "publisher", r.id);
        add(out, r.title, r.origin, "title", r.id);
        add(out, r.author, r.origin, "author", r.id);
    }
    for (const auto& r : ds.entities) {
        add(out, r.name, r.origin, "name", r.id);
        // The English name of a work is also set in italics (draw::Setter).
        if (r.kind == EntityKind::work && !r.name.en.empty()) {
            std::string italic;
            utf8::append(italic, text::kItalicOn);
            italic += r.name.en;
            utf8::append(italic, text::kItalicOff);
            out.push_back({italic, r.origin.file, r.origin.pointer + "/name/en", r.id});
        }
    }
    for (const auto& r : ds.eras) add(out, r.label, r.origin, "label", r.id);
    for (const auto& r : ds.events) {
        add(out, r.title, r.origin, "title", r.id);
        add(out, r.text, r.origin, "text", r.id);
    }
    for (const auto& r : ds.figures) add(out, r.note, r.origin, "note", r.id);
    if (tmpl) {
        const Origin root{tmpl->file, "", {}};
        add(out, tmpl->title, root, "title", "");
        add(out, tmpl->subtitle, root, "subtitle", "");
        add(out, tmpl->marking, root, "marking", "");
        for (const auto& s : tmpl->sections) {
            add(out, s.title, s.origin, "title", s.id);
            add(out, s.text, s.origin, "text", s.id);
        }
    }
    for (Lang lang : {Lang::zh, Lang::en})
        for (auto& f : i18n::fixed_texts(lang)) out.push_back({std::move(f.text), "(message catalogue)", "", std::move(f.name)});
    return out;
}

}  // namespace

int run_fonts_check(const Options& o) {
    const auto template_path = template_file(o.template_name);
    if (!template_path) return kUsage;
    const auto theme_path = theme_file(o.theme);
    if (!theme_path) return kInternal;
    Diagnostics diags;
    const LoadedData loaded = load_checked(o, diags);
    auto tmpl = load_template(*template_path, diags);
    auto th = theme::load(*theme_path, diags);
    std::unique_ptr<text::FontSet> fonts = th ? text::FontSet::open(th->fonts, diags) : nullptr;
    if (!fonts || diags.has_errors()) {
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        return exit_code_for(diags);
    }
    // Every text is set in each font chain of the theme's styles (body, headings, labels…), a
    // chain named by the first style that uses it.
    std::vector<std::pair<std::string, const theme::Chain*>> chains;
    for (std::size_t k = 0; k < theme::count_of<theme::Style>; ++k) {
        const auto& ts = th->text(static_cast<theme::Style>(k));
        const theme::Chain* chain = &th->chain(ts.chain);
        bool seen = false;
        for (const auto& c : chains) seen = seen || c.second == chain;
        if (!seen) chains.emplace_back(ts.name, chain);
    }
    std::map<std::string, std::set<char32_t>> used;  // font -> code points
    std::size_t checked = 0;
    for (const auto& sample : samples(loaded.dataset, tmpl ? &tmpl->tmpl : nullptr)) {
        ++checked;
        // Line breaks and tabs are layout, not characters to print.
        std::string printed = sample.text;
        for (char& c : printed)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        for (const auto& [style_name, chain] : chains) {
            std::vector<char32_t> missing;
            for (const auto& run : fonts->split_runs(printed, *chain, missing)) {
                for (std::size_t i = 0; i < run.text.size();) used[run.font].insert(utf8::decode(run.text, i));
            }
            for (char32_t cp : missing) {
                std::string ch;
                utf8::append(ch, cp);
                Diagnostic d{o.strict ? Severity::error : Severity::warning, "glyph-missing", sample.file, {},
                             sample.pointer, sample.record,
                             utf8::codepoint_name(cp) + " '" + ch + "' is not covered by any font of style " + style_name};
                diags.add(std::move(d));
            }
        }
    }
    loaded.sources.locate(diags);
    // One diagnostic per character and place, not one per style.
    auto& items = diags.items();
    std::set<std::string> seen;
    std::vector<Diagnostic> unique;
    for (auto& d : items) {
        const std::string key = d.file + d.pointer + d.message.substr(0, d.message.find(' '));
        if (d.code != "glyph-missing" || seen.insert(key).second) unique.push_back(std::move(d));
    }
    items = std::move(unique);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    std::cout << "fonts check: " << checked << " texts, theme " << *theme_path << '\n';
    for (const auto& [name, file] : th->fonts) {
        const auto it = used.find(name);
        std::cout << "  " << name << "  ";
        if (!file.family.empty()) std::cout << file.family << " " << file.style << ": ";
        std::cout << file.file;
        if (file.index != 0) std::cout << " #" << file.index;
        std::cout << " (" << file.package << "): " << (it == used.end() ? 0 : it->second.size()) << " characters used\n";
    }
    std::cout << (diags.count(Severity::warning) + diags.count(Severity::error) == 0
                      ? "every character is covered by a font\n"
                      : "some characters are not covered: they would print as blanks\n");
    return exit_code_for(diags);
}

}  // namespace timeline::cli
