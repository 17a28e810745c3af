#include "interchange/slides.h"

namespace timeline::interchange {
namespace {

std::string slide_key(const Loc& slide) {
    return slide.pointer + "@" + std::to_string(slide.pos.line) + ":" + std::to_string(slide.pos.column);
}

std::string counted(std::size_t n, const char* unit) {
    std::string u = unit;
    if (n == 1 && !u.empty() && u.back() == 's') u.pop_back();
    return std::to_string(n) + " " + u;
}

}  // namespace

void Losses::add(Loss kind, const Loc& slide, const Loc& where, const std::string& detail) {
    Tally& t = tally_[static_cast<std::size_t>(kind)];
    const std::string key = slide_key(slide);
    t.slides.insert(key);
    if (!t.first) t.first = where;
    if (!detail.empty()) t.details[detail].insert(key);
}

void Losses::report(const std::string& file, const char* unit, Diagnostics& diags) const {
    const bool rows = std::string(unit) == "rows";
    for (std::size_t k = 0; k < static_cast<std::size_t>(Loss::count_); ++k) {
        const Tally& t = tally_[k];
        if (t.slides.empty()) continue;
        const std::string n = counted(t.slides.size(), unit);
        std::string code;
        std::string message;
        switch (static_cast<Loss>(k)) {
            case Loss::time:
                code = "import-time-dropped";
                message = "time of day dropped from " + n + ": a data set keeps dates to the day";
                break;
            case Loss::media:
                code = "import-media-dropped";
                message = "media dropped from " + n +
                          " (images, videos and embeds with their credits and captions): a brief prints no media";
                break;
            case Loss::background:
                code = "import-background-dropped";
                message = "backgrounds dropped from " + n + ": a brief has no slide backgrounds";
                break;
            case Loss::format:
                code = "import-format-dropped";
                message = "date formats (\"format\") dropped from " + n +
                          ": a brief writes every date its own way in both languages";
                break;
            case Loss::type:
                code = "import-type-dropped";
                message = std::string(rows ? "types (\"Type\" other than title and era)" : "slide types (\"type\")") +
                          " dropped from " + n;
                break;
            case Loss::links:
                code = "import-links-dropped";
                message = "link targets dropped from " + n + "; the link texts are kept";
                break;
            case Loss::unknown: {
                code = rows ? "import-unknown-column" : "import-unknown-key";
                message = std::string(rows ? "unknown columns" : "unknown keys") + " dropped:";
                bool first = true;
                for (const auto& [name, slides] : t.details) {
                    message += std::string(first ? " " : ", ") + "\"" + name + "\" (" + counted(slides.size(), unit) + ")";
                    first = false;
                }
                break;
            }
            case Loss::title_date:
                code = "import-title-date-dropped";
                message = "the title slide's date is dropped: the title slide becomes the data set's title, not an event";
                break;
            case Loss::count_: break;
        }
        diags.warning(code, message, file, t.first->pos, t.first->pointer);
    }
}

}  // namespace timeline::interchange
