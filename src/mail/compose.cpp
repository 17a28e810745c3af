// The message of a delivery (mail.h compose()): headers, the text in the job's language(s)
// from the message catalogue, the brief attached or linked.
#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>

#include "base/files.h"
#include "i18n/messages.h"
#include "mail/header.h"
#include "mail/mail.h"

namespace timeline::mail {

namespace {

namespace fs = std::filesystem;
using Poco::Net::MailMessage;

LangMode mode_of(const std::string& lang) {
    if (lang == "zh") return LangMode::zh;
    if (lang == "en") return LangMode::en;
    return LangMode::bi;
}

std::uintmax_t limit_bytes(double mb) {
    if (!(mb > 0)) return 0;
    return static_cast<std::uintmax_t>(std::llround(mb * 1024.0 * 1024.0));
}

// A size as the body gives it: "512 B", "1.5 KiB", "2 MiB" (unit symbols, the same in both languages).
std::string size_text(std::uintmax_t bytes) {
    return bytes < 1024 ? std::to_string(bytes) + " B" : byte_size_text(static_cast<std::size_t>(bytes));
}

// The body in one language: what happened to the brief, where it is when not attached, and
// which job sent it. Lines end in CRLF (RFC 5322 §2.3).
std::string body_in(Lang lang, const Brief& brief, const std::string& name, const std::string& size,
                    const std::string& limit, const std::string& link, bool attached) {
    std::string out;
    if (attached) {
        out += i18n::mail_text(i18n::Msg::mail_attached, lang,
                               {{"name", name}, {"slot", brief.slot_local}, {"file", brief.file.filename().string()},
                                {"size", size}});
    } else {
        out += i18n::mail_text(i18n::Msg::mail_linked, lang,
                               {{"name", name}, {"slot", brief.slot_local}, {"size", size}, {"limit", limit}});
        out += "\r\n" + link;
    }
    out += "\r\n\r\n" + i18n::mail_text(i18n::Msg::mail_sent_by, lang, {{"job", brief.job}}) + "\r\n";
    return out;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the brief " + file.string());
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw std::runtime_error("cannot read the brief " + file.string());
    return bytes;
}

}  // namespace

std::string media_type(const fs::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".md") return "text/markdown; charset=UTF-8";
    if (ext == ".txt") return "text/plain; charset=UTF-8";
    if (ext == ".json") return "application/json";
    return "application/octet-stream";
}

std::string new_message_id(const std::string& from) {
    std::string domain = "localhost";
    try {
        const Address a = parse_address(from);
        domain = a.spec.substr(a.spec.find('@') + 1);
    } catch (const std::invalid_argument&) {
    }
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    std::ostringstream id;
    id << '<' << std::hex << Poco::Timestamp().epochMicroseconds() << '.' << random() << random() << '.' << ++counter
       << '@' << domain << '>';
    return id.str();
}

Composed compose(const Settings& settings, const Brief& brief, std::chrono::system_clock::time_point date,
                 const std::string& message_id) {
    std::error_code ec;
    const auto size = fs::file_size(brief.file, ec);
    if (ec) throw std::runtime_error("the brief " + brief.file.string() + " cannot be read: " + ec.message());

    Composed out;
    out.size = size;
    out.attached = size <= limit_bytes(settings.attach_limit_mb);

    const LangMode mode = mode_of(brief.lang);
    const std::string name = brief.title.empty() ? brief.job : brief.title;
    const std::string size_shown = size_text(size);
    const std::string limit_shown = size_text(limit_bytes(settings.attach_limit_mb));
    const std::string link = brief.link.empty() ? fs::absolute(brief.file).lexically_normal().string() : brief.link;
    std::string body;
    if (mode != LangMode::en) body += body_in(Lang::zh, brief, name, size_shown, limit_shown, link, out.attached);
    if (mode == LangMode::bi) body += "\r\n";
    if (mode != LangMode::zh) body += body_in(Lang::en, brief, name, size_shown, limit_shown, link, out.attached);

    MailMessage message;
    message.setSender(header_text(parse_address(settings.from)));
    std::vector<Address> to, cc;
    for (const auto& t : settings.to) to.push_back(parse_address(t));
    for (const auto& c : settings.cc) cc.push_back(parse_address(c));
    // The recipients are written as headers here, not added to the MailMessage, whose own
    // writing would quote an encoded display name (RFC 2047 §5 forbids encoded words in quotes).
    message.set(MailMessage::HEADER_TO, header_list(to));
    if (!cc.empty()) message.set("Cc", header_list(cc));
    message.setDate(Poco::Timestamp::fromEpochTime(std::chrono::system_clock::to_time_t(date)));
    message.set("Message-ID", message_id);
    message.setSubject(encode_words(i18n::mail_subject(name, brief.slot_local, mode)));

    const std::string text_type = "text/plain; charset=UTF-8";
    if (out.attached) {
        // A file name that is not ASCII: encoded words, unfolded, in the quoted parameter, as
        // common mail programs write and read it (RFC 2231's filename* is not in Poco).
        const std::string file_name = encode_words(brief.file.filename().string(), " ");
        message.addContent(new Poco::Net::StringPartSource(body, text_type), MailMessage::ENCODING_QUOTED_PRINTABLE);
        message.addAttachment(file_name,
                              new Poco::Net::StringPartSource(read_all(brief.file), media_type(brief.file), file_name),
                              MailMessage::ENCODING_BASE64);
    } else {
        message.setContentType(text_type);
        message.setContent(body, MailMessage::ENCODING_QUOTED_PRINTABLE);
    }
    std::ostringstream text;
    message.write(text);
    out.text = text.str();
    return out;
}

}  // namespace timeline::mail
