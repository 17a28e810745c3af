// TimelineJS headlines and texts are HTML (TimelineJS sanitises them and shows them as
// markup). A data set holds plain text: tags are removed, entities decoded, and the
// languages marked with a `lang` attribute (HTML 5.2 §3.2.5.3, BCP 47 tags "zh", "zh-Hans",
// "en-GB" …) are kept apart, so that `timeline export timelinejs --lang bi` round-trips.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace timeline::interchange {

struct PlainText {
    std::string unmarked;  // text outside any lang="zh…"/"en…" element
    std::string zh;        // text inside lang="zh…" elements
    std::string en;        // text inside lang="en…" elements
    std::size_t links = 0;  // <a href> elements: the text is kept, the target dropped
    std::size_t media = 0;  // <img>, <iframe>, <video>, <audio>, <embed>, <object>, <svg>
};

// Text of an HTML fragment. Markup is recognised only when the text holds a tag ("<p",
// "</", "<br", "<!--"); then white space collapses as in HTML, block elements (p, div, li,
// h1–h6, blockquote, tr …) and <br> end a line, and <script>/<style> contents are dropped.
// Text without markup keeps its line breaks. Both decode character references (named
// ones of HTML's common set, &#NNN; and &#xHH;); an unknown or malformed reference stays
// as written. Lines are trimmed, empty lines dropped, and lines joined with '\n'.
PlainText strip_html(std::string_view html);

// Markup for text: & < > escaped (for headlines and texts written to TimelineJS).
std::string escape_html(std::string_view text);

}  // namespace timeline::interchange
