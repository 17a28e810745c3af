// Unit tests of src/mail: the message as composed (subjects in zh/en/bi, RFC 2047 headers, MIME
// structure, attach or link), addresses. Sending is tested against a
// real server in tests/mail/.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "i18n/messages.h"
#include "mail/header.h"
#include "mail/mail.h"

using namespace timeline;
namespace fs = std::filesystem;

namespace {

// The tests' temporary directory, removed when the program ends.
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("tl-mail-test-" + std::to_string(::getpid()));
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A brief file of `bytes` bytes in the tests' temporary directory.
fs::path brief_file(const std::string& name, std::size_t bytes) {
    static const TempDir temp;
    const fs::path& dir = temp.path;
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ofstream out(file, std::ios::binary);
    for (std::size_t i = 0; i < bytes; ++i) out.put(static_cast<char>(i * 7 % 256));
    return file;
}

mail::Settings settings() {
    mail::Settings s;
    s.server = "smtp://127.0.0.1:2525";
    s.from = "简报系统 <briefs@example.org>";
    s.to = {"reader@example.org", "张三 <zhang@example.org>"};
    s.cc = {"Desk, Policy <desk@example.org>"};
    return s;
}

mail::Brief brief(const fs::path& file, const std::string& lang) {
    return {file, lang, "daily-brief", "2026-11-30 08:00 CST", "上海人工智能简报", ""};
}

const auto kDate = std::chrono::system_clock::from_time_t(1796000000);  // 2026-11-29

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (std::size_t end; (end = text.find("\r\n", at)) != std::string::npos; at = end + 2)
        out.push_back(text.substr(at, end - at));
    out.push_back(text.substr(at));
    return out;
}

// The value of header `name` of the message's top part, unfolded (RFC 5322 §2.2.3).
std::string header(const std::string& message, const std::string& name) {
    const auto all = lines(message);
    for (std::size_t i = 0; i < all.size() && !all[i].empty(); ++i) {
        if (all[i].compare(0, name.size() + 1, name + ":") != 0) continue;
        std::string value = all[i].substr(name.size() + 2);
        for (std::size_t j = i + 1; j < all.size() && !all[j].empty() && (all[j][0] == ' ' || all[j][0] == '\t'); ++j)
            value += all[j];
        return value;
    }
    return "";
}

// Decodes base64 (RFC 4648 §4); the test's own, independent of the encoder under test.
std::string unbase64(const std::string& in) {
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        const auto v = alphabet.find(c);
        if (v == std::string::npos) continue;  // "=" padding
        bits = (bits << 6) | static_cast<unsigned>(v);
        if ((count += 6) >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Decodes a header value of RFC 2047 "B" encoded words of UTF-8 (whitespace between two encoded
// words is dropped, §6.2); every word must hold whole UTF-8 characters (§5), which is checked.
std::string decode_words(const std::string& value, bool* split_character = nullptr) {
    std::string out, pending_space;
    std::size_t i = 0;
    bool after_word = false;
    while (i < value.size()) {
        if (value.compare(i, 10, "=?UTF-8?B?") == 0) {
            const auto end = value.find("?=", i + 10);
            if (!after_word) out += pending_space;
            const std::string word = unbase64(value.substr(i + 10, end - i - 10));
            const auto first = static_cast<unsigned char>(word.front());
            std::size_t k = 0;
            bool whole = (first & 0xC0) != 0x80;
            while (k < word.size()) {
                const auto c = static_cast<unsigned char>(word[k]);
                const std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (k + len > word.size()) whole = false;
                k += len;
            }
            if (!whole && split_character) *split_character = true;
            out += word;
            i = end + 2;
            after_word = true;
            pending_space.clear();
        } else if (value[i] == ' ' || value[i] == '\t' || value[i] == '\r' || value[i] == '\n') {
            pending_space += value[i++];
        } else {
            out += pending_space;
            pending_space.clear();
            out += value[i++];
            after_word = false;
        }
    }
    return out;
}

// Decodes quoted-printable (RFC 2045 §6.7): soft line breaks dropped, "=XX" octets.
std::string unquote_printable(const std::string& in) {
    const auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '=') {
            out += in[i];
        } else if (in.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;
        } else if (i + 2 < in.size()) {
            out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
            i += 2;
        }
    }
    return out;
}

bool ascii_lines_within(const std::string& text, std::size_t limit) {
    for (const auto& l : lines(text)) {
        if (l.size() > limit) return false;
        for (unsigned char c : l)
            if (c >= 0x80) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("Subjects in zh, en and both", "[mail]") {
    CHECK(i18n::mail_subject("上海人工智能简报", "2026-11-30 08:00 CST", LangMode::zh) ==
          "简报：上海人工智能简报，2026-11-30 08:00 CST");
    CHECK(i18n::mail_subject("Shanghai AI", "2026-11-30 08:00 CST", LangMode::en) ==
          "Brief: Shanghai AI, 2026-11-30 08:00 CST");
    CHECK(i18n::mail_subject("上海人工智能简报", "2026-11-30 08:00 CST", LangMode::bi) ==
          "简报 / Brief: 上海人工智能简报, 2026-11-30 08:00 CST");
}

TEST_CASE("Body sentences come from the catalogue with their placeholders filled", "[mail]") {
    CHECK(i18n::mail_text(i18n::Msg::mail_sent_by, Lang::en, {{"job", "daily"}}) ==
          "Sent by timeline schedule for the job daily.");
    CHECK(i18n::mail_text(i18n::Msg::mail_sent_by, Lang::zh, {{"job", "daily"}}) == "本邮件由timeline schedule为任务daily发送。");
    CHECK(i18n::mail_text(i18n::Msg::mail_attached, Lang::en,
                          {{"name", "N"}, {"slot", "S"}, {"file", "b.pdf"}, {"size", "1.5 KiB"}}) ==
          "The brief \u201cN\u201d of S is attached: b.pdf, 1.5 KiB.");
    CHECK(i18n::mail_text(i18n::Msg::mail_attached, Lang::zh,
                          {{"name", "N"}, {"slot", "S"}, {"file", "b.pdf"}, {"size", "1.5 KiB"}}) ==
          "S的简报\u201cN\u201d见附件b.pdf（1.5 KiB）。");
    // A value that looks like a placeholder is not filled again.
    CHECK(i18n::mail_text(i18n::Msg::mail_sent_by, Lang::en, {{"job", "{job}"}}) ==
          "Sent by timeline schedule for the job {job}.");
}

TEST_CASE("A bilingual message: RFC 2047 headers, multipart/mixed with the brief attached", "[mail]") {
    const auto file = brief_file("brief.pdf", 3000);
    const auto m = mail::compose(settings(), brief(file, "bi"), kDate, "<1.2@example.org>");
    CHECK(m.attached);
    CHECK(m.size == 3000);
    const std::string head = m.text.substr(0, m.text.find("\r\n\r\n"));
    INFO(head);
    CHECK(ascii_lines_within(head, 998));  // RFC 5322 §2.1.1
    bool split = false;
    CHECK(decode_words(header(m.text, "Subject"), &split) == "简报 / Brief: 上海人工智能简报, 2026-11-30 08:00 CST");
    CHECK_FALSE(split);
    CHECK(header(m.text, "Subject").rfind("=?UTF-8?B?", 0) == 0);
    CHECK(decode_words(header(m.text, "From")) == "简报系统 <briefs@example.org>");
    CHECK(decode_words(header(m.text, "To")) == "reader@example.org, 张三 <zhang@example.org>");
    CHECK(header(m.text, "Cc") == "\"Desk, Policy\" <desk@example.org>");
    CHECK(header(m.text, "Message-ID") == "<1.2@example.org>");
    CHECK(header(m.text, "Date").find("2026") != std::string::npos);
    CHECK(header(m.text, "Mime-Version") == "1.0");
    const std::string type = header(m.text, "Content-Type");
    REQUIRE(type.rfind("multipart/mixed; boundary=", 0) == 0);
    std::string boundary = type.substr(type.find('=') + 1);
    if (boundary.front() == '"') boundary = boundary.substr(1, boundary.size() - 2);
    // Two parts: the text, then the brief.
    std::vector<std::string> parts;
    for (std::size_t at = m.text.find("--" + boundary + "\r\n"); at != std::string::npos;) {
        const auto next = m.text.find("\r\n--" + boundary, at + 1);
        parts.push_back(m.text.substr(at + boundary.size() + 4, next - at - boundary.size() - 4));
        at = m.text.compare(next + 4 + boundary.size(), 2, "--") == 0 ? std::string::npos : next + 2;
    }
    REQUIRE(parts.size() == 2);
    CHECK(header(parts[0], "Content-Type") == "text/plain; charset=UTF-8");
    CHECK(header(parts[0], "Content-Transfer-Encoding") == "quoted-printable");
    CHECK(header(parts[1], "Content-Type") == "application/pdf; name=brief.pdf");
    CHECK(header(parts[1], "Content-Transfer-Encoding") == "base64");
    CHECK(header(parts[1], "Content-Disposition") == "attachment; filename=brief.pdf");
    CHECK(ascii_lines_within(m.text, 78));  // QP and base64 keep lines short (RFC 2045 §6.7, §6.8)
}

TEST_CASE("A brief over the limit is linked in a single text/plain part", "[mail]") {
    const auto file = brief_file("brief.md", 20000);
    auto s = settings();
    s.attach_limit_mb = 10.0 / 1024;  // 10 KiB
    auto b = brief(file, "en");
    b.link = "https://briefs.example.org/2026-11-30.md";
    const auto m = mail::compose(s, b, kDate, "<x@example.org>");
    CHECK_FALSE(m.attached);
    CHECK(header(m.text, "Content-Type") == "text/plain; charset=UTF-8");
    CHECK(decode_words(header(m.text, "Subject")) == "Brief: 上海人工智能简报, 2026-11-30 08:00 CST");
    CHECK(m.text.find("Content-Disposition") == std::string::npos);
    CHECK(header(m.text, "Content-Transfer-Encoding") == "quoted-printable");
    const std::string body = unquote_printable(m.text.substr(m.text.find("\r\n\r\n") + 4));
    CHECK(body.find("is 19.5 KiB, more than the 10 KiB this job attaches, so it is not attached. It is here:\r\n"
                    "https://briefs.example.org/2026-11-30.md\r\n") != std::string::npos);
    // At the limit exactly, it is attached.
    s.attach_limit_mb = 20000.0 / 1048576.0;
    CHECK(mail::compose(s, b, kDate, "<x@example.org>").attached);
}

TEST_CASE("An English subject stays ASCII when it can", "[mail]") {
    const auto file = brief_file("weekly.txt", 10);
    auto b = brief(file, "en");
    b.title = "Shanghai AI";
    const auto m = mail::compose(settings(), b, kDate, "<x@example.org>");
    CHECK(header(m.text, "Subject") == "Brief: Shanghai AI, 2026-11-30 08:00 CST");
    CHECK(m.text.find("text/plain; charset=UTF-8; name=weekly.txt") != std::string::npos);
}

TEST_CASE("A missing brief cannot be composed", "[mail]") {
    CHECK_THROWS_WITH(mail::compose(settings(), brief("/nonexistent/brief.pdf", "bi"), kDate, "<x@y>"),
                      Catch::Contains("/nonexistent/brief.pdf"));
}

TEST_CASE("Encoded words hold whole characters and stay short", "[mail]") {
    CHECK(mail::encode_words("Brief: Shanghai AI, 2026-11-30") == "Brief: Shanghai AI, 2026-11-30");
    CHECK(mail::encode_words("简报") == "=?UTF-8?B?566A5oql?=");
    std::string long_text;
    for (int i = 0; i < 12; ++i) long_text += "上海人工智能 AI 简报，";
    const std::string encoded = mail::encode_words(long_text);
    bool split = false;
    CHECK(decode_words(encoded, &split) == long_text);
    CHECK_FALSE(split);
    CHECK(ascii_lines_within(encoded, 65));  // a word of 64, after the fold's space
    CHECK(lines(encoded).size() > 5);
    for (const auto& l : lines(encoded)) CHECK(l.rfind(l.front() == ' ' ? " =?UTF-8?B?" : "=?UTF-8?B?", 0) == 0);
    // Unfolded, for a parameter: one line.
    CHECK(lines(mail::encode_words(long_text, " ")).size() == 1);
}

TEST_CASE("Media types by extension", "[mail]") {
    CHECK(mail::media_type("a/b.pdf") == "application/pdf");
    CHECK(mail::media_type("b.md") == "text/markdown; charset=UTF-8");
    CHECK(mail::media_type("b.txt") == "text/plain; charset=UTF-8");
    CHECK(mail::media_type("b.json") == "application/json");
    CHECK(mail::media_type("b.bin") == "application/octet-stream");
}

TEST_CASE("Addresses", "[mail]") {
    CHECK(mail::parse_address("a@b.org").spec == "a@b.org");
    const auto named = mail::parse_address(" 张三 <zhang@example.org> ");
    CHECK(named.name == "张三");
    CHECK(named.spec == "zhang@example.org");
    CHECK(mail::parse_address("\"Desk, Policy\" <d@x.org>").name == "Desk, Policy");
    CHECK(mail::header_text(mail::parse_address("Desk <d@x.org>")) == "Desk <d@x.org>");
    CHECK_THROWS_WITH(mail::parse_address("reader"), "address \"reader\" is not of the form user@host");
    CHECK_THROWS_WITH(mail::parse_address("a@b.org\r\nBcc: c@d.org"), Catch::Contains("line break"));
    CHECK_THROWS_WITH(mail::parse_address("Name <a@b.org"), Catch::Contains("write \"Name <user@host>\""));
    CHECK_THROWS(mail::parse_address("a b@c.org"));
}

TEST_CASE("Settings that cannot work fail permanently without connecting", "[mail]") {
    const auto file = brief_file("brief.pdf", 100);
    auto s = settings();
    s.server = "http://127.0.0.1:2525";
    auto out = mail::deliver(s, brief(file, "en"));
    CHECK(out.status == mail::Status::permanent);
    CHECK(out.detail == "server \"http://127.0.0.1:2525\": unknown scheme \"http\"; write smtp://HOST:PORT or smtps://HOST:PORT");
    s.server = "smtp://mailer:secret@127.0.0.1:2525";
    out = mail::deliver(s, brief(file, "en"));
    CHECK(out.status == mail::Status::permanent);
    CHECK(out.detail.find("names a user") != std::string::npos);
    s.server = "smtp://127.0.0.1:2525";
    s.user = "mailer";
    out = mail::deliver(s, brief(file, "en"));
    CHECK(out.status == mail::Status::permanent);
    CHECK(out.detail == "\"user\" is mailer but no password is configured: name an environment variable in "
                        "\"password_env\" (or a file in \"password_file\")");
    s.password_file = "/nonexistent/password";
    out = mail::deliver(s, brief(file, "en"));
    CHECK(out.detail == "the password of mailer is read from the file /nonexistent/password, which cannot be read");
    s.user.clear();
    s.to = {"not an address"};
    out = mail::deliver(s, brief(file, "en"));
    CHECK(out.status == mail::Status::permanent);
    CHECK(out.detail == "address \"not an address\" is not of the form user@host");
    s.to.clear();
    CHECK(mail::deliver(s, brief(file, "en")).detail == "no recipient: \"to\" is empty");
    s.from.clear();
    CHECK(mail::deliver(s, brief(file, "en")).detail == "no sender: \"from\" is empty");
}
