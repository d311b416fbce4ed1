#!/usr/bin/env bash
# tests/install/readme_recipe.sh: builds README.md's "Use it in your project"
# recipe verbatim. Each block after `<!-- readme-recipe: file=PATH -->` is
# written to PATH, each block after `<!-- readme-recipe: run -->` is run by
# bash, in README order, in a scratch directory where `strata` is this
# checkout and $HOME is the scratch directory (so the install goes there).
#   readme_recipe.sh <strata source dir>
set -euo pipefail
source_dir=$(cd "${1:?usage: readme_recipe.sh <strata source dir>}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$source_dir" "$work/strata"

# The README's recipe blocks, as (kind, argument, text) records.
python3 - "$source_dir/README.md" "$work/steps" <<'PY'
import pathlib, re, sys
text = pathlib.Path(sys.argv[1]).read_text()
steps = pathlib.Path(sys.argv[2]); steps.mkdir()
pattern = re.compile(r"<!-- readme-recipe: (run|file=(\S+)) -->\n```[a-z]*\n(.*?)```", re.S)
found = pattern.findall(text)
if not found: sys.exit("README.md has no readme-recipe blocks")
for i, (kind, path, body) in enumerate(found):
    (steps / f"{i:02d}.{'run' if kind == 'run' else 'file'}").write_text((path + "\n" if path else "") + body)
PY

out="$work/output"
cd "$work"
for step in steps/*; do
  case "$step" in
    *.file) path=$(head -1 "$step"); mkdir -p "$(dirname "$path")"; tail -n +2 "$step" >"$path" ;;
    *.run)  echo "+ README block $step"; HOME="$work" bash -euo pipefail "$step" | tee -a "$out" ;;
  esac
done
# The recipe's programs print the override each was given.
grep -qx '127.0.0.1:9000' "$out" || { echo "FAIL: the CMake-built app did not print 127.0.0.1:9000"; exit 1; }
grep -qx '127.0.0.1:9001' "$out" || { echo "FAIL: the compiler-line app did not print 127.0.0.1:9001"; exit 1; }
echo "readme_recipe: the README recipe builds and runs as written"
