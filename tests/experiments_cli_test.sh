#!/usr/bin/env bash
# tests/experiments_cli_test.sh: `experiments config groups` and
# `experiments config sweep ...` (strata::cli::run) as processes: the plan
# table, exit codes, --out artifacts.
#   experiments_cli_test.sh <path to the experiments binary>
set -u
bin=${1:?usage: experiments_cli_test.sh <experiments binary>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
unset NO_COLOR

run() {  # run EXPECTED_RC args...
  local expected=$1
  shift
  "$bin" config "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" != "$expected" ]; then
    echo "FAIL: experiments config $* exited $rc, expected $expected"
    sed 's/^/  stdout: /' "$work/out" | head -20
    sed 's/^/  stderr: /' "$work/err" | head -20
    failures=$((failures + 1))
  fi
}
expect() {  # expect FILE REGEX
  if ! grep -Eq -- "$2" "$1"; then
    echo "FAIL: $1 lacks /$2/"
    sed 's/^/  /' "$1" | head -20
    failures=$((failures + 1))
  fi
}

run 0 groups
expect "$work/out" '^model: small \(choices: large small\)$'
expect "$work/out" '^training: sgd \(choices: adam sgd\)$'
expect "$work/out" '^data: toy \(choices: full toy\)$'

run 0 sweep model=small,large 'training.batch_size=range(32,97,32)' --out "$work/runs"
expect "$work/out" 'model=small,training.batch_size=32 +ok'
expect "$work/out" 'model=large,training.batch_size=96 +ok'
expect "$work/out" '^6 jobs, 0 invalid$'
expect "$work/runs/sweep.toml" "name = .model=large,training.batch_size=64."
expect "$work/runs/model=large,training.batch_size=64/config.toml" 'width = 512'

# a job that is invalid as a whole: the plan shows it, the report names it, exit 1
printf '[training]\nepochs = 0\n' >"$work/zero_epochs.toml"
run 1 sweep model=small,large --file "$work/zero_epochs.toml"
expect "$work/out" '^2 jobs, 2 invalid$'
expect "$work/err" 'training.epochs'

# refused sweeps: a value its field refuses, an unknown group choice, no axis
run 1 sweep 'training.lr=0.1,2.0'
expect "$work/err" "axis 'training.lr': training.lr=2.0"
run 1 sweep model=small,lage
expect "$work/err" "did you mean 'large'"
run 2 sweep
expect "$work/err" 'sweep needs KEY=VALUES'
run 2 validate --out "$work/x"
expect "$work/err" '--out goes with sweep'

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "experiments CLI: all checks passed"
