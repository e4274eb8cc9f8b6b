// Placeholder until the testing area has tests of its own (remove it then).
#include <doctest/doctest.h>
TEST_CASE("the testing test executable links") { CHECK(true); }
