// A job's "email" object (docs/scheduling.md, "Delivery by e-mail"): read from schedules.json
// by schedule/config.h, used by mail/mail.h to send the brief. Secrets are never part of it:
// the password is read from the environment variable `password_env` or, when that is empty,
// from `password_file`.
#pragma once

#include <string>
#include <vector>

namespace timeline {

struct MailSettings {
    std::string server;         // "smtp://HOST:PORT" or "smtps://HOST:PORT" (implicit TLS); schedules.json
                                // names the port, mail/ takes 25 or 465 when it is left out
    bool starttls = false;      // require STARTTLS on smtp://: fail (permanent) when the server does not offer it
    std::string user;           // authenticate (AUTH PLAIN, else LOGIN) when set
    std::string password_env;   // name of the environment variable holding the password
    std::string password_file;  // file holding the password (one line), when password_env is empty
    std::string from;           // "addr@host" or "Name <addr@host>" (the name may be Chinese)
    std::vector<std::string> to, cc;
    double attach_limit_mb = 10;  // MiB; a larger brief is linked instead of attached
};

}  // namespace timeline
