// Cron expressions and slots (src/schedule/cron.h, slots.h): any text. Properties: an error
// points inside the text; the slots of a valid expression come in order in zones with and
// without daylight saving, and the last slot at or before a slot is that slot.
#include "fuzz.h"
#include "schedule/slots.h"

using namespace timeline::schedule;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = timeline::fuzz::input(data, size);
    CronError error;
    const auto cron = Cron::parse(text, error);
    if (!cron) {
        FUZZ_CHECK(!error.message.empty());
        FUZZ_CHECK(error.offset <= text.size());
        return 0;
    }
    static const date::time_zone* zones[] = {find_zone("Asia/Shanghai"), find_zone("America/New_York"),
                                             find_zone("Australia/Lord_Howe")};
    for (const date::time_zone* zone : zones) {
        Instant t = date::sys_days{date::year{2026} / 3 / 1};
        for (int k = 0; k < 4; ++k) {
            const auto slot = next_slot(*cron, *zone, t);
            if (!slot) break;
            FUZZ_CHECK(slot->at > t);
            FUZZ_CHECK(cron->matches(slot->local));
            const auto back = slot_at_or_before(*cron, *zone, slot->at);
            FUZZ_CHECK(back.has_value() && back->at == slot->at);
            (void)format_local(*zone, slot->at);
            t = slot->at;
        }
    }
    return 0;
}
