// strata/sources/etcd_src.hpp: Boost.JSON's implementation, which the etcd
// source needs: include it in exactly one source file of the program (as
// <strata/src.hpp>). A program that already compiles Boost.JSON (includes
// <boost/json/src.hpp> itself) does not include this header.
#pragma once

#include <boost/json/src.hpp>
