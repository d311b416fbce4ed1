#!/usr/bin/env bash
# tests/schema_clients/run.sh: checks json_schema<T>() with real clients.
#   run.sh <musicgen binary> <musicgen configs dir> <npm prefix in the build tree>
# - ajv (draft 2020-12, strict mode) compiles `musicgen config schema` and
#   validates the `musicgen config dump --format json` output of every
#   profile, and rejects a deliberately invalid document;
# - taplo (@taplo/cli) validates every example TOML file against the schema
#   and rejects tests/schema_clients/broken.toml.
# ajv and taplo are npm-installed into the build tree, never globally.
# Without node/npm: a visible SKIPPED notice and exit 0.
set -u
musicgen=${1:?usage: run.sh <musicgen> <configs dir> <npm prefix>}
configs=${2:?usage: run.sh <musicgen> <configs dir> <npm prefix>}
prefix=${3:?usage: run.sh <musicgen> <configs dir> <npm prefix>}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "************************************************************************"
  echo "SKIPPED: schema_clients: node/npm are not installed, so the JSON Schema"
  echo "was NOT checked with ajv and taplo. Install nodejs and npm to run it."
  echo "************************************************************************"
  exit 0
fi

modules="$prefix/node_modules"
if [ ! -e "$modules/ajv/dist/2020.js" ] || [ ! -x "$modules/.bin/taplo" ]; then
  mkdir -p "$prefix"
  # a lock so parallel build trees' tests do not install over each other
  if ! (flock 9; npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error ajv@8 @taplo/cli@0.7) \
      9>"$prefix/.lock"; then
    echo "FAIL: npm install of ajv and @taplo/cli into $prefix failed"
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

export APP_CONFIG_DIR="$configs"
"$musicgen" config schema >"$work/schema.json" || fail "musicgen config schema"

# Each profile's effective configuration, with what production needs.
export JWT_SECRET=jwt-secret-0123456789-abcdefghijklmnop WANDB_API_KEY=k REDIS_PASSWORD=p POSTGRES_PASSWORD=p \
       POSTGRES_HOST=db.example.com REDIS_HOST=cache.example.com MODEL_CACHE_DIR=/app/cache AUDIO_OUTPUT_DIR=/app/out
docs=()
for p in development staging production; do
  "$musicgen" config dump --format json --profile "$p" >"$work/$p.json" || fail "musicgen config dump --profile $p"
  docs+=("$work/$p.json")
done
# invalid: a port out of range and an unknown key
sed -e 's/"port": 8000/"port": 70000/' -e 's/"workers": \([0-9]*\)/"workers": \1, "wrokers": 1/' \
  "$work/development.json" >"$work/invalid.json"
if cmp -s "$work/development.json" "$work/invalid.json"; then fail "could not derive the invalid document"; fi

node "$here/validate.mjs" "$modules" "$work/schema.json" "${docs[@]}" --invalid "$work/invalid.json" ||
  fail "ajv"

taplo="$modules/.bin/taplo"
for f in $(find "$configs" -name '*.toml' | sort); do
  if "$taplo" lint --no-auto-config --colors never --schema "file://$work/schema.json" "$f" >"$work/taplo.out" 2>&1; then
    echo "taplo: $f: valid"
  else
    cat "$work/taplo.out"
    fail "taplo rejects $f"
  fi
done
if "$taplo" lint --no-auto-config --colors never --schema "file://$work/schema.json" "$here/broken.toml" \
    >"$work/taplo.out" 2>&1; then
  fail "taplo accepts the deliberately broken $here/broken.toml"
else
  for what in "70000" "prot" "tpu" "12345"; do
    grep -q "$what" "$work/taplo.out" || fail "taplo does not point at '$what' in broken.toml"
  done
  echo "taplo: $here/broken.toml: rejected, as expected"
fi

if [ "$failures" -gt 0 ]; then
  echo "schema_clients: $failures failure(s)"
  exit 1
fi
echo "schema_clients: ajv and taplo accept the schema and the examples"
