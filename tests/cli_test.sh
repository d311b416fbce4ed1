#!/usr/bin/env bash
# tests/cli_test.sh: runs `musicgen config ...` (strata::cli::run) as a
# process and checks its output, its streams and its exit codes.
#   cli_test.sh <path to the musicgen binary>
set -u
musicgen=$(realpath "${1:?usage: cli_test.sh <musicgen binary>}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# The process environment is the one the CLI reads: start from a clean one.
unset APP_ENV JWT_SECRET WANDB_API_KEY REDIS_PASSWORD POSTGRES_PASSWORD POSTGRES_HOST REDIS_HOST \
      MODEL_CACHE_DIR AUDIO_OUTPUT_DIR APP_CONFIG_DIR NO_COLOR
for v in $(env | sed -n 's/^\(MUSICGEN_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

# Secrets a production deployment sets; none may ever be printed.
prod_env=(JWT_SECRET=jwt-secret-0123456789-abcdefghijklmnop WANDB_API_KEY=wandb-key-never-printed
          REDIS_PASSWORD=redis-pw-never-printed POSTGRES_PASSWORD=pg-pw-never-printed
          POSTGRES_HOST=db.example.com REDIS_HOST=cache.example.com
          MODEL_CACHE_DIR=/app/cache AUDIO_OUTPUT_DIR=/app/out)
secrets='jwt-secret-0123456789|wandb-key-never|redis-pw-never|pg-pw-never'

# run EXPECTED_RC [VAR=value...] -- args...: runs musicgen config with args,
# output in $work/out and $work/err.
run() {
  local expected=$1
  shift
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  env "${vars[@]}" "$musicgen" config "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" != "$expected" ]; then
    echo "FAIL: musicgen config $* exited $rc, expected $expected"
    sed 's/^/  stdout: /' "$work/out" | head -20
    sed 's/^/  stderr: /' "$work/err" | head -20
    failures=$((failures + 1))
  fi
}
expect() {  # expect STREAM REGEX [description]
  if ! grep -Eq -- "$2" "$work/$1"; then
    echo "FAIL: $1 of the last command lacks /$2/ ${3:-}"
    sed "s/^/  $1: /" "$work/$1" | head -20
    failures=$((failures + 1))
  fi
}
refuse() {  # refuse STREAM REGEX [description]
  if grep -Eq -- "$2" "$work/$1"; then
    echo "FAIL: $1 of the last command has /$2/ ${3:-}"
    grep -E -- "$2" "$work/$1" | head -5 | sed "s/^/  $1: /"
    failures=$((failures + 1))
  fi
}
empty() {
  if [ -s "$work/$1" ]; then
    echo "FAIL: $1 of the last command should be empty"
    sed "s/^/  $1: /" "$work/$1" | head -10
    failures=$((failures + 1))
  fi
}
no_secrets() {
  refuse out "$secrets" "(a secret was printed)"
  refuse err "$secrets" "(a secret was printed)"
}

# --- validate / check ----------------------------------------------------------
run 0 -- validate
expect out '^configuration is valid$'
empty err
run 0 -- check
run 0 APP_ENV=development -- validate

# a warning: development profile, environment says staging
printf '[app]\nenvironment = "staging"\n' >"$work/staging-env.toml"
run 0 -- validate --file "$work/staging-env.toml"
expect err "^warning: app.environment: is 'staging' but the 'development' profile is loaded"
run 1 -- check --file "$work/staging-env.toml"
expect err 'warning'
empty out

# production without its secrets: every problem, on stderr, exit 1
run 1 -- validate --profile production
expect err 'error: auth.jwt_secret: JWT_SECRET is not set'
expect err 'POSTGRES_PASSWORD'
expect err '^[0-9]+ errors'
empty out
run 1 APP_ENV=production -- validate
expect err 'JWT_SECRET is not set'

# production with them: valid, and no command prints a secret
run 0 "${prod_env[@]}" -- validate --profile=production
no_secrets
run 0 "${prod_env[@]}" -- check --profile production
run 0 "${prod_env[@]}" -- dump --profile production
no_secrets
expect out '^jwt_secret = "<redacted>"$'
expect out '^\[external_services.postgresql\]$'
run 0 "${prod_env[@]}" -- dump --profile production --format json
no_secrets
expect out '"password": "<redacted>"'
python3 -m json.tool "$work/out" >/dev/null || { echo "FAIL: dump --format json is not JSON"; failures=$((failures + 1)); }
run 0 "${prod_env[@]}" -- dump --profile production --show-origin
no_secrets
expect out '^host = "db.example.com"  # .*kubernetes.toml:23:8 via \$\{POSTGRES_HOST\}$'
run 0 "${prod_env[@]}" -- explain --profile production
no_secrets
expect out '^auth.jwt_secret += <redacted> +# .*production.toml'
run 1 "${prod_env[@]}" JWT_SECRET=short -- validate --profile production
no_secrets
refuse err 'short'

# an unknown profile: exit 1 with the choices
run 1 -- validate --profile prod
expect err "unknown profile 'prod'"
expect err "did you mean 'production'"

# --- dump round-trips: the dumped file loads back to the same configuration ---
run 0 -- dump
cp "$work/out" "$work/dumped.toml"
run 0 -- dump --file "$work/dumped.toml"
cmp -s "$work/out" "$work/dumped.toml" || { echo "FAIL: dump of the dumped file differs"; failures=$((failures + 1)); }
run 0 -- dump --format json
expect out '"default_model": "facebook/musicgen-small"'
expect out '"device": "cpu"'

# --- schema, env, sample, profiles ------------------------------------------------
run 0 -- schema
expect out '"\$schema": "https://json-schema.org/draft/2020-12/schema"'
python3 -m json.tool "$work/out" >/dev/null || { echo "FAIL: schema is not JSON"; failures=$((failures + 1)); }
run 0 -- env
expect out '^\| Variable \| Key \| Type \| Default \| Constraints \| Description \|$'
expect out '^\| `MUSICGEN_API__PORT` \| `api.port` \| integer \(int32_t\) \| `8000` \| must be in \[1, 65535\] \| TCP port, 1-65535 \|$'
expect out '`MUSICGEN_AUTH__JWT_SECRET`, `MUSICGEN_AUTH__JWT_SECRET_FILE`'
run 0 -- sample
expect out '^# env MUSICGEN_API__PORT|; env MUSICGEN_API__PORT$'
expect out '^# jwt_secret = "\.\.\."'
cp "$work/out" "$work/sample.toml"
run 0 JWT_SECRET=jwt-secret-0123456789-abcdefghijklmnop -- validate --file "$work/sample.toml"
run 0 -- profiles
expect out '^development$'
expect out '^production$'
expect out '^staging$'
refuse out '^base$'

# --- overrides after the subcommand: dotted.path=value and --dotted.path=value ---
run 0 -- dump api.port=9000
expect out '^port = 9000$'
run 0 -- dump --api.port=9001
expect out '^port = 9001$'
run 0 -- dump --show-origin api.port=9002
expect out '^port = 9002  # override'
run 0 -- explain model.device=cuda
expect out '^model.device += "?cuda"? +# '
run 1 -- validate api.port=70000
expect err 'api.port'
run 1 "${prod_env[@]}" -- validate --profile production auth.enabled=false
expect err '^error: auth.enabled: must be enabled in production'
expect err "^  --> override 'auth.enabled=false'"
run 1 -- validate no.such.key=1
expect err 'no.such'
run 2 -- schema api.port=1
expect err 'go with validate, check, dump, explain, sweep and groups'
run 0 -- --help
expect out 'dotted.path=value'

# --- operator-facing edges ---------------------------------------------------------
run 1 -- validate --file "$work/missing.toml"
expect err 'required configuration file not found'
refuse err 'strata::optional' "(a developer hint shown to an operator)"
# origins relative to the working directory when that is shorter
cd "$work"
run 0 -- validate --file "$work/staging-env.toml"
expect err '^  --> staging-env\.toml:2:'
cd "$(dirname "$musicgen")"
run 0 -- validate --file "$work/staging-env.toml"
expect err "^  --> $work/staging-env\.toml:2:" "(absolute when the relative path is longer)"
cd "$work"
run 0 -- explain --file "$work/staging-env.toml"
expect out '# staging-env\.toml:[0-9]+:[0-9]+$' "(explain shortens the path as the report does)"
refuse out "# $work/staging-env\.toml" "(explain shortens the path as the report does)"
cd "$(dirname "$musicgen")"

# --- usage errors: exit 2, message on stderr, nothing on stdout -----------------
run 2 --
expect err '^usage: musicgen config <command>'
empty out
run 2 -- bogus
expect err "^error: unknown command 'bogus'"
empty out
run 2 -- valdate
expect err "did you mean 'validate'"
run 2 -- dump --format yaml
expect err 'toml or json'
empty out
run 2 -- validate --profile
expect err -- '--profile needs a value'
run 2 -- validate --frobnicate
expect err "unknown option '--frobnicate'"
run 2 -- validate check
expect err "unexpected argument 'check'"
run 2 -- validate --format json
run 2 -- dump --format json --show-origin
run 0 -- --help
expect out '^usage: musicgen config <command>'
expect out 'exit status: 0 ok, 1 invalid configuration or nothing to list, 2 usage error'
empty err
run 0 -- help

# --- colour: never in a pipe, never with NO_COLOR, on a terminal otherwise -----
run 1 -- validate --profile prod
refuse err $'\x1b' "(colour in a pipe)"
if command -v script >/dev/null 2>&1; then
  script -qec "$musicgen config validate --profile prod" /dev/null >"$work/tty" 2>&1
  grep -q $'\x1b\\[1;31merror' "$work/tty" || { echo "FAIL: no colour on a terminal"; failures=$((failures + 1)); }
  NO_COLOR=1 script -qec "$musicgen config validate --profile prod" /dev/null >"$work/tty" 2>&1
  if grep -q $'\x1b' "$work/tty"; then echo "FAIL: colour with NO_COLOR"; failures=$((failures + 1)); fi
else
  echo "NOTICE: 'script' is missing; the terminal colour checks were skipped"
fi

# --- the demo still runs without `config` ----------------------------------------
"$musicgen" >"$work/out" 2>"$work/err" || { echo "FAIL: the demo failed"; failures=$((failures + 1)); }

if [ "$failures" -gt 0 ]; then
  echo "cli_test: $failures failure(s)"
  exit 1
fi
echo "cli_test: all checks passed"
