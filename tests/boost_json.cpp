// Boost.JSON's implementation (the etcd source's JSON), compiled once for the
// etcd tests and the programs of the docs.
#include <strata/sources/etcd_src.hpp>
