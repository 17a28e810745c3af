// Delivery of a written brief (docs/scheduling.md, "Delivery by e-mail"). The scheduler
// does not send mail itself: the command line hands it a Deliverer. After a slot's report
// is written and the job has an "email", the scheduler calls it; a transient failure is
// tried again with backoff, independently of the report (a failed delivery never writes the
// brief again nor removes it); every attempt is kept in the run history.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "schedule/config.h"
#include "schedule/slots.h"

namespace timeline::schedule {

enum class Delivered {
    none,     // nothing to deliver (no "email", or the report failed)
    pending,  // waiting for its first or next attempt
    sent,
    failed    // given up: a permanent failure, or the attempts ran out
};

const char* delivered_name(Delivered d);
Delivered delivered_from(const std::string& name);  // unknown names are none

struct DeliveryRequest {
    std::string job;
    const EmailConfig* email = nullptr;
    std::string output;  // the brief as written
    std::string format;  // pdf, md, txt, json
    std::string lang;    // bi, zh, en; "" = the template's
    Instant slot{};
    std::string slot_local;  // the slot's wall-clock time with offset, for the subject
    int attempt = 1;         // 1-based delivery attempt
};

struct DeliveryOutcome {
    enum class Kind {
        ok,
        transient,  // worth trying again later (server unreachable, 4xx reply)
        permanent   // trying again cannot help (5xx reply, bad address, not available)
    };
    Kind kind = Kind::ok;
    std::string message;  // one line, for failures
};

using Deliverer = std::function<DeliveryOutcome(const DeliveryRequest&)>;

// Delivery attempts: the first right after the report, then after 1, 2, 4 … minutes (at
// most one hour apart), 8 attempts in all, unless one fails permanently.
struct DeliveryPolicy {
    int max_attempts = 8;
    std::chrono::seconds first_delay{60};
    std::chrono::seconds max_delay{3600};
    // The wait after failed attempt `n` (1-based).
    std::chrono::seconds delay_after(int n) const;
};

}  // namespace timeline::schedule
