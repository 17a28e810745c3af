// Record ids for imported records: ASCII slugs that match the id pattern of
// schemas/common.schema.json (lower-case words joined by single hyphens, at most 80
// characters), unique within the data set.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace timeline::interchange {

// "Ada Lovelace's Notes (1843)" -> "ada-lovelaces-notes-1843"; accented Latin letters lose
// their accents ("Rózsa Péter" -> "rozsa-peter"); other characters separate words. At most
// `max_length` characters, cut at a hyphen. Empty when nothing is left (a Chinese name).
std::string slugify(std::string_view text, std::size_t max_length = 60);

// Whether `id` matches the id pattern.
bool valid_id(std::string_view id);

class IdAllocator {
public:
    explicit IdAllocator(std::set<std::string> taken) : taken_(std::move(taken)) {}
    // `base` if it is free, else base-2, base-3 …; the id returned is taken from then on.
    std::string allocate(const std::string& base);
    bool taken(const std::string& id) const { return taken_.count(id) > 0; }

private:
    std::set<std::string> taken_;
};

}  // namespace timeline::interchange
