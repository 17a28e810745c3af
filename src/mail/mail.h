// Delivery of a scheduled brief by e-mail (docs/delivery.md): one attempt over SMTP (RFC 5321)
// with STARTTLS (RFC 3207) or implicit TLS (RFC 8314), AUTH PLAIN or LOGIN (RFC 4954), the
// brief attached or, over the size limit, linked; the outcome classified so that the caller
// retries what may pass later and stops at what will not (the retries themselves are the
// scheduler's: schedule/delivery.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/mail_settings.h"

namespace timeline::mail {

// A job's "email" object (base/mail_settings.h).
using Settings = MailSettings;

// The brief of one slot.
struct Brief {
    std::filesystem::path file;
    std::string lang;        // "zh", "en" or "bi" ("" is bi): the language(s) of the subject and body
    std::string job;         // the job's id
    std::string slot_local;  // the slot as the text shows it, e.g. "2026-11-30 08:00 CST"
    std::string title;       // the brief's title; the job's id when empty
    std::string link;        // where the brief is, shown when it is not attached; the absolute file path when empty
};

enum class Status {
    sent,       // the server accepted the message for every recipient
    transient,  // may pass later: no connection, time-out, a 4xx reply
    permanent,  // will not pass unchanged: a 5xx reply, a bad setting, a missing file or secret, TLS
};
const char* status_name(Status s);  // "sent", "transient", "permanent"

struct Outcome {
    Status status;
    std::string detail;  // the server's reply or the error, one line, for the run history
};

// One attempt: connect, TLS and authentication as configured, send, quit. Never throws.
Outcome deliver(const Settings& settings, const Brief& brief);

// The message as sent (RFC 5322 with MIME, RFC 2045–2047, CRLF line ends): From, To, Cc, Date,
// Message-ID, Subject, a text/plain UTF-8 body and the brief as an attachment when it is at
// most the limit. Throws std::runtime_error when the brief cannot be read.
struct Composed {
    std::string text;
    bool attached = false;
    std::uintmax_t size = 0;  // of the brief, bytes
};
Composed compose(const Settings& settings, const Brief& brief, std::chrono::system_clock::time_point date,
                 const std::string& message_id);
// A new Message-ID ("<…@domain of from>").
std::string new_message_id(const std::string& from);
// The MIME type of a brief, by its extension: application/pdf, text/markdown, text/plain,
// application/json, else application/octet-stream.
std::string media_type(const std::filesystem::path& file);

}  // namespace timeline::mail
