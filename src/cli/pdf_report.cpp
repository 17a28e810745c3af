// `timeline report --format pdf`: theme → fonts → typeset → PDF with subset fonts.
#include "cli/pdf_report.h"

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>

#include "cli/stdout.h"
#include "pdf/writer.h"
#include "text/fonts.h"
#include "theme/theme.h"
#include "typeset/typeset.h"

namespace timeline::cli {

bool write_pdf_report(const report::Document& doc, const PdfOptions& options, const std::string& path,
                      Diagnostics& diags, Progress& progress) {
    progress.update("loading fonts", 0, 0);
    const auto theme = theme::load(options.theme, diags);
    if (!theme) return false;
    const auto fonts = text::FontSet::open(theme->fonts, diags);
    if (!fonts) return false;

    // The document id (PDF /ID): a digest of everything the pages are made from.
    Poco::MD5Engine md5;
    md5.update(options.inputs_digest);
    md5.update(theme->digest);
    typeset::TypesetOptions topt;
    topt.document_id = Poco::DigestEngine::digestToHex(md5.digest());
    topt.strict = options.strict;
    topt.progress = [&progress](std::size_t done, std::size_t total) { progress.update("typesetting sections", done, total); };
    progress.update("typesetting sections", 0, doc.sections.size());
    const typeset::Typeset set = typeset::typeset_document(doc, *fonts, *theme, topt);
    diags.append(set.diagnostics);
    if (diags.has_errors()) return false;
    const std::string what = "writing " + (path == "-" ? std::string("the PDF") : path) + ": pages";
    progress.update("subsetting fonts", 0, 0);
    const auto pages = [&progress, &what](std::size_t done, std::size_t total) { progress.update(what, done, total); };
    if (path != "-") return pdf::write_document(set.pages, *fonts, path, diags, pages);
    const auto bytes = pdf::render_document(set.pages, *fonts, "-", diags, pages);
    if (!bytes) return false;
    write_stdout(*bytes);
    return true;
}

}  // namespace timeline::cli
