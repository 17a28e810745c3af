#include "schedule/delivery.h"

#include <algorithm>

namespace timeline::schedule {

const char* delivered_name(Delivered d) {
    switch (d) {
        case Delivered::pending: return "pending";
        case Delivered::sent: return "sent";
        case Delivered::failed: return "failed";
        default: return "none";
    }
}

Delivered delivered_from(const std::string& name) {
    if (name == "pending") return Delivered::pending;
    if (name == "sent") return Delivered::sent;
    if (name == "failed") return Delivered::failed;
    return Delivered::none;
}

std::chrono::seconds DeliveryPolicy::delay_after(int n) const {
    std::chrono::seconds d = first_delay;
    for (int k = 1; k < n && d < max_delay; ++k) d *= 2;
    return std::min(d, max_delay);
}

}  // namespace timeline::schedule
