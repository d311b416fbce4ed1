#!/usr/bin/env bash
# fuzz/run.sh SECONDS [OUT_DIR]: builds fuzz/config_fuzzer.cpp with clang 19
# (libFuzzer + ASan + UBSan, needs libclang-rt-19-dev) when it or a header is
# newer than the binary, then fuzzes for SECONDS, starting from the seed
# corpus in fuzz/corpus. New inputs go to OUT_DIR/corpus (kept between runs
# unless FUZZ_FRESH=1); a crash, leak, UB report, secret leak or hang
# (-timeout) fails the run and leaves the input in OUT_DIR/.
set -euo pipefail
seconds=${1:-60}
out=${2:-build/fuzz}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
bin=$out/config_fuzzer
if [ ! -x "$bin" ] || [ -n "$(find "$root/include" "$root/fuzz/config_fuzzer.cpp" -newer "$bin" -print -quit)" ]; then
  echo "building $bin"
  clang++-19 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/include" "$root/fuzz/config_fuzzer.cpp" -ltomlplusplus -lfmt -lyaml-cpp -o "$bin"
fi
corpus=$out/corpus
if [ "${FUZZ_FRESH:-0}" = 1 ]; then rm -rf "$corpus"; fi
mkdir -p "$corpus"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -seed="${FUZZ_SEED:-1}" -print_final_stats=1 -artifact_prefix="$out/" "$corpus" "$root/fuzz/corpus"
