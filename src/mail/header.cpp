#include "mail/header.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <Poco/Base64Encoder.h>

namespace timeline::mail {

namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

bool printable_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7F) return false;
    return true;
}

// Bytes of UTF-8 in one encoded word: 39 bytes are 52 base64 characters, a word of 64 with
// "=?UTF-8?B?" and "?=", which leaves a header's first line under 78 characters.
constexpr std::size_t kWordBytes = 39;

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

// Characters that make a display name need quotes (RFC 5322 §3.2.3 "specials").
bool needs_quotes(const std::string& s) { return s.find_first_of("()<>[]:;@\\,.\"") != std::string::npos; }

}  // namespace

std::string encode_words(const std::string& text, const std::string& separator) {
    if (printable_ascii(text)) return text;
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = std::min(text.size(), at + kWordBytes);
        // Back to the start of a character: a UTF-8 continuation byte is 10xxxxxx.
        while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (end == at) end = std::min(text.size(), at + kWordBytes);  // not UTF-8: split anywhere
        if (!out.empty()) out += separator;
        out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
        at = end;
    }
    return out;
}

Address parse_address(const std::string& text) {
    if (text.find_first_of("\r\n") != std::string::npos)
        throw std::invalid_argument("address \"" + text + "\" contains a line break");
    Address a;
    const auto open = text.find('<');
    if (open != std::string::npos) {
        const auto close = text.find('>', open);
        if (close == std::string::npos || !trimmed(text.substr(close + 1)).empty())
            throw std::invalid_argument("address \"" + text + "\": write \"Name <user@host>\"");
        a.name = trimmed(text.substr(0, open));
        if (a.name.size() >= 2 && a.name.front() == '"' && a.name.back() == '"') a.name = a.name.substr(1, a.name.size() - 2);
        a.spec = trimmed(text.substr(open + 1, close - open - 1));
    } else {
        a.spec = trimmed(text);
    }
    const auto at = a.spec.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == a.spec.size() || a.spec.find_first_of(" \t<>\",") != std::string::npos)
        throw std::invalid_argument("address \"" + text + "\" is not of the form user@host");
    if (a.name.find_first_of("\"\\") != std::string::npos)
        throw std::invalid_argument("address \"" + text + "\": the name may not contain a double quote or a backslash");
    return a;
}

std::string header_text(const Address& a) {
    if (a.name.empty()) return a.spec;
    std::string name;
    if (!printable_ascii(a.name))
        name = encode_words(a.name);  // RFC 2047 §5 (3): a phrase of encoded words
    else if (needs_quotes(a.name))
        name = "\"" + a.name + "\"";
    else
        name = a.name;
    return name + " <" + a.spec + ">";
}

std::string header_list(const std::vector<Address>& list) {
    std::string out;
    for (const auto& a : list) {
        if (!out.empty()) out += ",\r\n ";
        out += header_text(a);
    }
    return out;
}

}  // namespace timeline::mail
