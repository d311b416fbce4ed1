// The test runner: doctest's main, nothing else, so no test file pays for it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
