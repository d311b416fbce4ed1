#!/usr/bin/env bash
# benchmarks/compile_time.sh: what strata costs at compile time (issue 9).
#
# Compiles the translation units of benchmarks/compile_time/ with each
# compiler, REPEATS times, and reports the least CPU time (user + system) and
# the largest peak memory of each, then the two comparisons:
#   (a) declaring the configuration: decl_strata.cpp - decl_plain.cpp,
#       target <= +0.2 s;
#   (b) loading it: load_strata.cpp / load_handwritten.cpp, time and peak
#       memory, target <= 2.0 each;
#   (c) checking it where it is declared (issue 18): decl_checked.cpp -
#       decl_strata.cpp, STRATA_CHECK on each MusicGen struct, per struct,
#       target <= +0.10 s per struct;
#   (d) the `config` subcommand beside the load (issue 20): cli_strata.cpp /
#       load_strata.cpp, target <= 1.30 (what including <strata/tools/cli.hpp>
#       in the loading file costs; docs/tools.md advises a file of its own).
# and, for scale, what each program compiles once: strata's engine
# (strata_engine.cpp, <strata/src.hpp>) beside toml++'s own compiled part
# (toml_implementation.cpp), which the hand-written loader links from Debian.
#
#   benchmarks/compile_time.sh
#   REPEATS=5 OPT=-O0 EXTRA_FLAGS="-g" COMPILERS="g++" benchmarks/compile_time.sh
#
# Environment:
#   REPEATS      compilations per translation unit (default 5)
#   OPT          optimization flags (default -O2)
#   EXTRA_FLAGS  appended to every compile command
#   COMPILERS    compilers to try (default "g++ clang++-19"; a missing one is skipped)
#
# Needs GNU time as /usr/bin/time (Debian package `time`). Exit status 0 even
# when a target is missed or a translation unit does not compile: this is a
# measurement; 1 only when it cannot measure at all.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
tu_dir="$here/compile_time"

REPEATS=${REPEATS:-5}
OPT=${OPT:--O2}
EXTRA_FLAGS=${EXTRA_FLAGS:-}
COMPILERS=${COMPILERS:-g++ clang++-19}
TIME=/usr/bin/time

if ! [[ "$REPEATS" =~ ^[1-9][0-9]*$ ]]; then
  echo "compile_time.sh: REPEATS must be a positive integer, got '$REPEATS'" >&2
  exit 1
fi
if [ ! -x "$TIME" ] || ! "$TIME" --version 2>&1 | grep -q 'GNU'; then
  echo "compile_time.sh: GNU time is needed as $TIME to measure peak memory;" >&2
  echo "  install it with: apt-get install time" >&2
  exit 1
fi

tus=(decl_plain decl_strata decl_checked load_handwritten load_strata cli_strata strata_engine toml_implementation)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2206  # OPT and EXTRA_FLAGS are word lists on purpose
flags=(-std=c++20 $OPT -DTOML_HEADER_ONLY=0 -I"$repo/include" -I"$repo/examples/musicgen" -I"$repo/benchmarks"
       -c -o /dev/null)
# shellcheck disable=SC2206
extra=($EXTRA_FLAGS)

least() {  # the smallest of the numbers given as arguments: on a shared
          # machine the least CPU time is the closest to the compiler's own cost
  printf '%s\n' "$@" | sort -g | head -n 1
}

echo "compile time: ${tus[*]}"
echo "flags: ${flags[*]}${EXTRA_FLAGS:+ $EXTRA_FLAGS}"
echo "repeats: $REPEATS (least CPU time, user + system, and largest peak RSS of the runs)"
echo

results=()  # lines "compiler tu seconds peak_mb" or "compiler tu FAILED"
compilers_run=()
for cxx in $COMPILERS; do
  if ! command -v "$cxx" > /dev/null 2>&1; then
    echo "skipping $cxx: not found"
    continue
  fi
  compilers_run+=("$cxx")
  declare -A times=() peaks=() failed=()
  # Interleaved (tu1 tu2 tu3 tu4, tu1 tu2 ...), so a busy moment on a shared
  # machine does not fall on one translation unit only.
  for ((r = 1; r <= REPEATS; r++)); do
    for tu in "${tus[@]}"; do
      [ -n "${failed[$tu]:-}" ] && continue
      if "$TIME" -f '%U %S %M' -o "$work/time" "$cxx" "${flags[@]}" "${extra[@]}" "$tu_dir/$tu.cpp" \
          > "$work/out" 2>&1; then
        read -r user sys kb < <(tail -n 1 "$work/time")
        seconds=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        times[$tu]="${times[$tu]:-} $seconds"
        if [ "$kb" -gt "${peaks[$tu]:-0}" ]; then peaks[$tu]=$kb; fi
      else
        failed[$tu]=1
        echo "$cxx: $tu.cpp does not compile; first lines:"
        grep -E 'error|Error' "$work/out" | head -n 5 | sed 's/^/    /'
        [ -s "$work/out" ] || echo "    (no output)"
      fi
    done
  done
  for tu in "${tus[@]}"; do
    if [ -n "${failed[$tu]:-}" ]; then
      results+=("$cxx $tu FAILED")
    else
      # shellcheck disable=SC2086
      results+=("$cxx $tu $(least ${times[$tu]}) $(awk -v kb="${peaks[$tu]}" 'BEGIN { printf "%.0f", kb / 1024 }')")
    fi
  done
  unset times peaks failed
done

if [ ${#compilers_run[@]} -eq 0 ]; then
  echo "compile_time.sh: none of the compilers ($COMPILERS) was found" >&2
  exit 1
fi

echo
printf '%-14s %-20s %9s %9s\n' compiler "translation unit" seconds "peak MB"
printf '%-14s %-20s %9s %9s\n' -------------- -------------------- --------- ---------
for line in "${results[@]}"; do
  read -r cxx tu seconds mb <<< "$line"
  if [ "$seconds" = FAILED ]; then
    printf '%-14s %-20s %9s %9s\n' "$cxx" "$tu" FAILED -
  else
    printf '%-14s %-20s %9s %9s\n' "$cxx" "$tu" "$seconds" "$mb"
  fi
done

lookup() {  # lookup COMPILER TU FIELD: FIELD 3 = seconds, 4 = peak MB; FAILED when it did not compile
  local line c t sec mb
  for line in "${results[@]}"; do
    read -r c t sec mb <<< "$line"
    if [ "$c" = "$1" ] && [ "$t" = "$2" ]; then
      if [ "$sec" = FAILED ]; then echo FAILED
      elif [ "$3" = 3 ]; then echo "$sec"
      else echo "$mb"; fi
      return
    fi
  done
  echo FAILED
}

verdict() {  # verdict VALUE LIMIT: met when VALUE <= LIMIT
  awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l + 1e-9) ? "met" : "MISSED" }'
}

echo
for cxx in "${compilers_run[@]}"; do
  plain_s=$(lookup "$cxx" decl_plain 3)
  strata_s=$(lookup "$cxx" decl_strata 3)
  if [ "$plain_s" = FAILED ] || [ "$strata_s" = FAILED ]; then
    echo "$cxx: (a) declaration overhead decl_strata - decl_plain: n/a (a translation unit did not compile) (target <= +0.20 s) MISSED"
  else
    diff=$(awk -v a="$strata_s" -v b="$plain_s" 'BEGIN { printf "%+.2f", a - b }')
    echo "$cxx: (a) declaration overhead decl_strata - decl_plain: $diff s (target <= +0.20 s) $(verdict "$diff" 0.2)"
  fi

  checked_s=$(lookup "$cxx" decl_checked 3)
  structs=$(grep -c '^STRATA_CHECK(' "$tu_dir/decl_checked.cpp")
  if [ "$strata_s" = FAILED ] || [ "$checked_s" = FAILED ]; then
    echo "$cxx: (c) declaration-site check decl_checked - decl_strata: n/a (a translation unit did not compile) (target <= +0.10 s per struct) MISSED"
  else
    total=$(awk -v a="$checked_s" -v b="$strata_s" 'BEGIN { printf "%+.2f", a - b }')
    each=$(awk -v t="$total" -v n="$structs" 'BEGIN { printf "%+.3f", t / n }')
    echo "$cxx: (c) declaration-site check decl_checked - decl_strata: $total s for $structs structs, $each s per struct (target <= +0.10 s per struct) $(verdict "$each" 0.1)"
  fi

  hw_s=$(lookup "$cxx" load_handwritten 3)
  hw_mb=$(lookup "$cxx" load_handwritten 4)
  st_s=$(lookup "$cxx" load_strata 3)
  st_mb=$(lookup "$cxx" load_strata 4)
  if [ "$hw_s" = FAILED ] || [ "$st_s" = FAILED ]; then
    echo "$cxx: (b) load time ratio load_strata / load_handwritten: n/a (a translation unit did not compile) (target <= 2.00) MISSED"
    echo "$cxx: (b) load memory ratio load_strata / load_handwritten: n/a (a translation unit did not compile) (target <= 2.00) MISSED"
  else
    t=$(awk -v a="$st_s" -v b="$hw_s" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    m=$(awk -v a="$st_mb" -v b="$hw_mb" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    echo "$cxx: (b) load time ratio load_strata / load_handwritten: $t ($st_s s / $hw_s s) (target <= 2.00) $(verdict "$t" 2.0)"
    echo "$cxx: (b) load memory ratio load_strata / load_handwritten: $m ($st_mb MB / $hw_mb MB) (target <= 2.00) $(verdict "$m" 2.0)"
  fi
  cli_s=$(lookup "$cxx" cli_strata 3)
  cli_mb=$(lookup "$cxx" cli_strata 4)
  if [ "$cli_s" = FAILED ] || [ "$st_s" = FAILED ]; then
    echo "$cxx: (d) config subcommand cli_strata / load_strata: n/a (a translation unit did not compile) (target <= 1.30) MISSED"
  else
    t=$(awk -v a="$cli_s" -v b="$st_s" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    echo "$cxx: (d) config subcommand cli_strata / load_strata: $t ($cli_s s, $cli_mb MB / $st_s s, $st_mb MB) (target <= 1.30) $(verdict "$t" 1.3)"
  fi
  en_s=$(lookup "$cxx" strata_engine 3)
  en_mb=$(lookup "$cxx" strata_engine 4)
  ti_s=$(lookup "$cxx" toml_implementation 3)
  ti_mb=$(lookup "$cxx" toml_implementation 4)
  echo "$cxx:     once per program: strata_engine $en_s s, $en_mb MB" \
       "(toml++'s implementation, compiled once by Debian: $ti_s s, $ti_mb MB)"
done
exit 0
