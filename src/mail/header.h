// Header texts: non-ASCII text as RFC 2047 encoded words; addresses as a job's settings write
// them ("addr@host" or "Name <addr@host>").
#pragma once

#include <string>
#include <vector>

namespace timeline::mail {

// `text` as it may stand in a header: unchanged when it is printable ASCII, else "B" encoded
// words of UTF-8 (RFC 2047 §4.1), each holding whole characters (§5: a character is never
// split across two words) and at most 64 characters long, separated by CRLF and a space (a
// fold, RFC 5322 §2.2.3) or by `separator`. Poco's MailMessage::encodeWord splits a character
// between words.
std::string encode_words(const std::string& text, const std::string& separator = "\r\n ");

struct Address {
    std::string name;  // display name, UTF-8, may be empty
    std::string spec;  // addr-spec (RFC 5322 §3.4.1), what the envelope names
};

// Parses one address. Throws std::invalid_argument (the message says what is wrong) for a
// line break, a missing "@", spaces or angle brackets inside the address.
Address parse_address(const std::string& text);
// The address as a header writes it: the name in encoded words when it is not ASCII.
std::string header_text(const Address& a);
// A header value of several addresses, folded after each comma (RFC 5322 §2.2.3).
std::string header_list(const std::vector<Address>& list);

}  // namespace timeline::mail
