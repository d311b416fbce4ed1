// toml++'s compiled part, which Debian builds once into libtomlplusplus and
// the hand-written loader links: the scale for strata_engine.cpp, the part
// strata compiles once per program.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
