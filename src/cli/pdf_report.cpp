// `timeline report --format pdf`: theme → fonts → typeset → PDF with subset fonts.
#include "cli/pdf_report.h"

#include <future>

#include "base/md5.h"
#include "cli/stdout.h"
#include "pdf/writer.h"
#include "text/fonts.h"
#include "theme/fontconfig.h"
#include "theme/theme.h"
#include "typeset/typeset.h"

namespace timeline::cli {

ThemeFonts load_theme_fonts(const std::string& theme_file) {
    // fontconfig reads its configuration on a thread of its own while the theme is read and
    // checked against its schema.
    auto fontconfig = std::async(std::launch::async, theme::open_fontconfig);
    ThemeFonts out;
    out.theme = theme::load(theme_file, out.diags);
    fontconfig.wait();
    if (out.theme) out.fonts = text::FontSet::open(out.theme->fonts, out.diags);
    return out;
}

bool write_pdf_report(const report::Document& doc, ThemeFonts& theme_fonts, const PdfOptions& options,
                      const std::string& path, Diagnostics& diags, Progress& progress) {
    diags.append(theme_fonts.diags);
    if (!theme_fonts.fonts) return false;
    const theme::Theme* theme = &*theme_fonts.theme;
    const text::FontSet* fonts = theme_fonts.fonts.get();

    // The document id (PDF /ID): a digest of everything the pages are made from.
    Md5 md5;
    md5.update(options.inputs_digest);
    md5.update(theme->digest);
    typeset::TypesetOptions topt;
    topt.document_id = md5.hex();
    topt.strict = options.strict;
    // One progress line: the sections set and the pages written to `path` so far.
    std::size_t sections_done = 0, pages_written = 0;
    const std::string target = path == "-" ? std::string("the PDF") : path;
    auto show = [&] {
        progress.update("typesetting sections (" + std::to_string(sections_done) + "/" + std::to_string(doc.sections.size()) +
                            "), " + std::to_string(pages_written) + " pages written to " + target,
                        0, 0);
    };
    topt.progress = [&](std::size_t done, std::size_t) {
        sections_done = done;
        show();
    };
    show();
    // Pages go to the writer as the typesetter finishes them (their content streams are
    // deflated into the file at once); the footers "of N" follow as overlays.
    if (path != "-" && !pdf::make_parent_directory(path, diags)) return false;
    pdf::Writer writer(*fonts, path, diags);
    struct ToPdf : typeset::PageSink {
        pdf::Writer& writer;
        std::function<void()> on_page;
        ToPdf(pdf::Writer& w, std::function<void()> f) : writer(w), on_page(std::move(f)) {}
        void page(std::size_t, layout::Page&& page) override {
            writer.add_page(page);
            on_page();
        }
        void overlay(std::size_t index, std::vector<layout::Item>&& items) override { writer.add_overlay(index, items); }
    } sink(writer, [&] {
        ++pages_written;
        show();
    });
    const typeset::Typeset set = typeset::typeset_document(doc, *fonts, *theme, topt, sink);
    diags.append(set.diagnostics);
    if (diags.has_errors()) return false;  // the writer removes its temporary file
    progress.update("subsetting fonts", 0, 0);
    if (!writer.finish(set.pages.bookmarks, set.pages.info)) return false;
    if (path == "-") write_stdout(writer.take_bytes());
    return true;
}

}  // namespace timeline::cli
