#include <catch2/catch.hpp>

#include "i18n/typography.h"

using namespace timeline;
using i18n::typographic;
using timeline::Lang;

TEST_CASE("quotes, apostrophes and dashes as each language prints them", "[i18n]") {
    // Chinese: full-width quotes, single quotes nested inside double ones.
    CHECK(typographic("他说\"我心飞扬\"很好", Lang::zh) == "他说“我心飞扬”很好");
    CHECK(typographic("节目称“拍摄“Spider”系统”", Lang::zh) == "节目称“拍摄‘Spider’系统”");
    CHECK(typographic("“一”与\"二\"", Lang::zh) == "“一”与“二”");
    // A joint name takes the short connector; a range and a double dash keep theirs.
    CHECK(typographic("微软—仪电人工智能创新院", Lang::zh) == "微软-仪电人工智能创新院");
    CHECK(typographic("1991—2025年", Lang::zh) == "1991—2025年");
    CHECK(typographic("他说——不", Lang::zh) == "他说——不");
    // English: curly quotes and apostrophes.
    CHECK(typographic("the \"Spider\" system", Lang::en) == "the “Spider” system");
    CHECK(typographic("Shanghai's 'core' firms", Lang::en) == "Shanghai’s ‘core’ firms");
    CHECK(typographic("(\"quoted\")", Lang::en) == "(“quoted”)");
    CHECK(typographic("plain text", Lang::en) == "plain text");
    // Quotes inside quotes are single.
    CHECK(typographic("“A novel blew the \"assembly number\"”", Lang::en) == "“A novel blew the ‘assembly number’”");
}
