// `timeline report --format pdf`: the report model typeset with the theme's fonts and
// written with libharu, fonts subset to what the pages print.
#include "cli/pdf_report.h"

#include <filesystem>

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>

#include "base/files.h"
#include "base/utf8.h"
#include "draw/setter.h"
#include "export/render.h"
#include "text/fonts.h"
#include "text/theme.h"
#include "typeset/output.h"
#include "typeset/typeset.h"

namespace timeline::cli {
namespace {

// The document id: a digest of everything the pages are made from (the report model, which
// holds the data, the template and --as-of, and the theme).
std::string document_id(const report::Document& doc, const std::string& theme_text) {
    Poco::MD5Engine md5;
    md5.update(exporter::render_json(doc));
    md5.update(theme_text);
    md5.update(page_size_name(doc.page));
    return Poco::DigestEngine::digestToHex(md5.digest());
}

}  // namespace

bool write_pdf_report(const report::Document& doc, const PdfOptions& options, const std::string& path,
                      Diagnostics& diags) {
    const auto theme = text::load_theme(options.theme, diags);
    if (!theme) return false;
    const auto fonts = text::FontSet::open(*theme, diags);
    if (!fonts) return false;
    Diagnostics ignored;
    const std::string theme_text = read_file(options.theme, ignored).value_or("");

    draw::Setter setter(*fonts);
    typeset::TypesetOptions topt;
    topt.document_id = document_id(doc, theme_text);
    const layout::DisplayList list = typeset::typeset_document(doc, setter, topt);

    for (const auto& m : setter.missing()) {
        std::string sample = m.text.size() > 60 ? m.text.substr(0, 60) : m.text;
        while (!sample.empty() && !utf8::valid(sample)) sample.pop_back();
        std::string ch;
        utf8::append(ch, m.code_point);
        const std::string message = utf8::codepoint_name(m.code_point) + " " + ch +
                                    " is not covered by any font of style " + m.style + " (in \"" + sample +
                                    "\"); it is left out of the PDF — `timeline fonts check` shows where it occurs";
        if (options.strict) diags.error("glyph-missing", message);
        else diags.warning("glyph-missing", message);
    }
    if (diags.has_errors()) return false;

    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::create_directories(parent, ec) && ec) {
        diags.error("io-write", "cannot create directory " + parent.string() + ": " + ec.message());
        return false;
    }

    return typeset::write_pdf_with_subsets(list, *fonts, path, diags);
}

}  // namespace timeline::cli
