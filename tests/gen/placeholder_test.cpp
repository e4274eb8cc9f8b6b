// Placeholder until the gen area has tests of its own (remove it then).
#include <doctest/doctest.h>
TEST_CASE("the gen test executable links") { CHECK(true); }
