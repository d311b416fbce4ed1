#!/usr/bin/env python3
"""Docs as tests: every ```cpp block of README.md and docs/*.md is compiled.

    docs_snippets.py generate <source-dir> <out-dir>
        writes one translation unit per page (<page>.cpp: every fragment of the
        page), one per program (a block defining main, with the blocks it
        names), one per block that must not compile, and <out-dir>/docs.cmake,
        which tests/CMakeLists.txt includes. Files are rewritten only when
        their text changes, so ninja and ccache rebuild only what changed.

    docs_snippets.py run <manifest.json> <page> <build-dir>
        the ctest `docs.<page>`: builds the page's targets, then runs each
        program marked `run` and compares its output with the ```text block
        that follows it in the page.

Fragments of a page share one translation unit. Block k sits in namespace
snippet_k nested in the namespace of block k-1, so a block sees everything
declared earlier on the page and may redeclare a name (annotations.md's
`port`). `#include` lines are moved to the top of the unit.

A block may be preceded by a harness in an HTML comment, which the reader of
the rendered page does not see:

    <!-- snippet
    member                 the block declares members: wrapped in a struct
    body                   the block is statements: wrapped in a function
                           int (int argc, char** argv) returning 0
    isolated               later blocks do not see this one (synopses that
                           redeclare strata's own names)
    global                 at global scope (specializations of strata::codec)
    fails <regex>          must NOT compile, and the compiler's output must
                           match <regex>: its own translation unit
    before <code>          a line at namespace scope before the block
    after <code>           a line at namespace scope after it
    inside <code>          a line inside the member/body wrapper, first
    as <file>              this block is the file <file> of a program
                           (a header other blocks include, or a source)
    sources <file>...      this program (a block defining main) also
                           compiles these `as` blocks
    header <file> ... end  a file the reader does not see (e.g. the app's
                           config header), lines up to `end`
    run [args...]          run the program; its output (stderr and stdout)
                           must equal the first ```text block
                           after it (before the next ```cpp block)
    exit <n>               the exit status `run` expects (default 0)
    name <id>              names the program for `output`
    output <id>            (before a ```text block) this is what program
                           <id> prints, wherever the block is on the page
    env NAME=VALUE         an environment variable of the run (the run sees
                           only PATH and these)
    file <name> ... end    a file in the run's working directory
    -->

A page-wide comment `<!-- snippets: include <header> | link yaml|etcd -->`
adds an include to every unit of the page or links a component.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_INCLUDES = [
    "<algorithm>", "<chrono>", "<cstdint>", "<cstdio>", "<filesystem>", "<functional>", "<map>",
    "<memory>", "<optional>", "<string>", "<string_view>", "<tuple>", "<variant>", "<vector>",
    "<strata/load.hpp>",
]
# Headers that compile an implementation, included in one source file of a
# program: strata's engine and Boost.JSON's. The tests compile each once, in
# a library; a program of the docs links that library instead of compiling
# it again (its #include becomes a check that the header exists), and a
# fragment unit, which only checks declarations, leaves them out.
COMPILED_ONCE = {
    "<strata/src.hpp>": "strata_test_engine",
    "<strata/sources/etcd_src.hpp>": "strata_test_boost_json",
    "<boost/json/src.hpp>": "strata_test_boost_json",
}
INCLUDE = re.compile(r"\s*#\s*include\s*([<\"][^>\"]+[>\"])")


def compiled_once(code, md, first_line):
    """The program's code with its COMPILED_ONCE includes replaced, and the
    libraries that replace them."""
    out, libs = [], []
    for n, line in enumerate(code.splitlines(), start=first_line):
        m = INCLUDE.match(line)
        if m and m.group(1) in COMPILED_ONCE:
            out += [f"#if !__has_include({m.group(1)})  // compiled once, by {COMPILED_ONCE[m.group(1)]}",
                    f"#error {m.group(1)} does not exist", "#endif", f'#line {n + 1} "{md}"']
            libs.append(COMPILED_ONCE[m.group(1)])
        else:
            out.append(line)
    return "\n".join(out) + "\n", libs


FENCE = re.compile(r"^(\s*)```(\w*)\s*$")  # fences may be indented in a list item


class Block:
    def __init__(self, index, line, code, opts, next_text):
        self.index = index
        self.line = line
        self.code = code
        self.opts = opts
        self.next_text = next_text

    @property
    def is_program(self):
        return re.search(r"^\s*int\s+main\s*\(", self.code, re.M) is not None


def parse_harness(lines):
    """The directives of one `<!-- snippet ... -->` comment."""
    opts = {"before": [], "inside": [], "after": [], "env": [], "files": [], "headers": [], "sources": []}
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        word, _, rest = line.partition(" ")
        if word in ("file", "header"):
            body = []
            while i < len(lines) and lines[i].strip() != "end":
                body.append(lines[i])
                i += 1
            i += 1
            opts["files" if word == "file" else "headers"].append((rest.strip(), "\n".join(body) + "\n"))
        elif word in ("before", "inside", "after"):
            opts[word].append(rest)
        elif word == "env":
            opts["env"].append(rest.strip())
        elif word == "sources":
            opts["sources"] += rest.split()
        elif word == "run":
            opts["run"] = rest.split()
        elif word in ("member", "body", "isolated", "global"):
            opts[word] = True
        elif word in ("fails", "as", "exit", "name", "output"):
            opts[word] = rest.strip()
        else:
            raise SystemExit(f"unknown snippet directive '{word}'")
    return opts


def parse_page(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks, page, outputs = [], {"include": [], "link": []}, {}
    pending = None
    i = 0
    while i < len(lines):
        line = lines[i]
        line = line.strip() if line.lstrip().startswith("<!--") else line
        if line.startswith("<!-- snippets:"):
            for item in line[len("<!-- snippets:"):].replace("-->", "").split("|"):
                word, _, rest = item.strip().partition(" ")
                page[word].append(rest.strip())
            i += 1
            continue
        if line.startswith("<!-- snippet"):
            body = []
            first = line[len("<!-- snippet"):]
            if "-->" in first:
                body.append(first.replace("-->", ""))
                i += 1
            else:
                body.append(first)
                i += 1
                while "-->" not in lines[i]:
                    body.append(lines[i])
                    i += 1
                body.append(lines[i].replace("-->", ""))
                i += 1
            pending = parse_harness(body)
            continue
        m = FENCE.match(line)
        if m and m.group(2):
            indent, lang, start = len(m.group(1)), m.group(2), i + 1
            j = start
            while not FENCE.match(lines[j]) or FENCE.match(lines[j]).group(2):
                j += 1
            code = "\n".join(l[indent:] for l in lines[start:j]) + "\n"
            i = j + 1
            if lang != "cpp":
                if lang == "text" and pending and pending.get("output"):
                    outputs[pending["output"]] = code
                pending = None
                continue
            # the output a program prints: the first ```text block after it,
            # before any other ```cpp block (a sentence may come between)
            k = i
            while k < len(lines) and lines[k].strip() not in ("```text", "```cpp"):
                k += 1
            next_text = None
            if k < len(lines) and lines[k].strip() == "```text":
                end = k + 1
                while lines[end].strip() != "```":
                    end += 1
                next_text = "\n".join(lines[k + 1:end]) + "\n"
            opts = pending or parse_harness([])
            blocks.append(Block(len(blocks) + 1, start, code, opts, next_text))
            pending = None
            continue
        if line.strip():
            pending = None if not line.startswith("<!--") else pending
        i += 1
    for b in blocks:
        b.next_text = outputs.get(b.opts.get("name"), b.next_text)
    return blocks, page


def split_includes(code):
    includes, rest = [], []
    for line in code.splitlines():
        m = INCLUDE.match(line)
        if m:
            includes.append(m.group(1))
            rest.append("")  # keeps the line numbers of #line
        elif re.match(r"\s*#\s*pragma\s+once", line):
            rest.append("")
        else:
            rest.append(line)
    return includes, "\n".join(rest) + "\n"


def unit_head(page, includes):
    seen, out = set(), []
    for inc in DEFAULT_INCLUDES + [f"<{p.strip('<>')}>" for p in page["include"]] + includes:
        if inc in seen or inc in COMPILED_ONCE:
            continue
        seen.add(inc)
        out.append(f"#include {inc}")
    return "\n".join(out) + "\n"


def line_marker(md, block):
    return f'#line {block.line + 1} "{md}"\n'


def wrapped(block, md):
    """The block as it sits in its scope, with its harness lines."""
    o = block.opts
    _, code = split_includes(block.code)
    text = "".join(line + "\n" for line in o["before"])
    inside = "".join(line + "\n" for line in o["inside"])
    if o.get("member"):
        text += f"struct snippet_{block.index}_members {{\n{inside}{line_marker(md, block)}{code}}};\n"
    elif o.get("body"):
        text += (f"[[maybe_unused]] static int snippet_{block.index}_body(int argc, char** argv) {{\n"
                 f"(void)argc; (void)argv;\n{inside}{line_marker(md, block)}{code}return 0;\n}}\n")
    else:
        text += line_marker(md, block) + code
    return text + "".join(line + "\n" for line in o["after"])


def write_if_changed(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def page_unit(page, blocks, md):
    """Every fragment of the page in nested namespaces."""
    includes, body, opened = [], "", []
    for b in blocks:
        includes += split_includes(b.code)[0]
        if b.opts.get("global"):
            reopen = "".join(f"namespace snippet_{n} {{ " for n in opened)
            body += "}" * len(opened) + f"\n{wrapped(b, md)}{reopen}\n"
        elif b.opts.get("isolated"):
            body += f"namespace snippet_{b.index}_isolated {{\n{wrapped(b, md)}}}\n"
        else:
            body += f"namespace snippet_{b.index} {{\n{wrapped(b, md)}"
            opened.append(b.index)
    body += "}" * len(opened) + "\n"
    return unit_head(page, includes) + body


def generate(src, out):
    pages = [src / "README.md"] + sorted((src / "docs").glob("*.md"))
    manifest, cmake = {}, []
    cmake.append("# Generated by scripts/docs_snippets.py from README.md and docs/*.md.\n")
    for md_path in pages:
        blocks, page = parse_page(md_path)
        if not blocks:
            continue
        md = str(md_path.relative_to(src))
        name = md_path.stem.lower().replace("-", "_")
        pdir = out / name
        links = " ".join(f"strata::{c}" for c in page["link"])
        targets, runs = [], []

        for b in blocks:
            for hname, htext in b.opts["headers"]:
                write_if_changed(pdir / hname, htext)
        by_file = {b.opts["as"]: b for b in blocks if b.opts.get("as")}
        for fname, b in by_file.items():
            if fname.endswith((".hpp", ".h")):
                write_if_changed(pdir / fname, line_marker(md, b) + b.code)

        # A header block is also a fragment: its declarations are the page's.
        fragments = [b for b in blocks if not b.is_program and not b.opts.get("fails")
                     and not b.opts.get("as", ".hpp").endswith(".cpp")]
        if fragments:
            write_if_changed(pdir / "fragments.cpp", page_unit(page, fragments, md))
            target = f"docs_{name}"
            cmake.append(f"add_library({target} OBJECT {pdir / 'fragments.cpp'})\n"
                         f"target_link_libraries({target} PRIVATE strata::strata {links})\n"
                         f"target_include_directories({target} PRIVATE {pdir} ${{PROJECT_SOURCE_DIR}})\n")
            targets.append(target)

        for b in blocks:
            if b.is_program and not b.opts.get("fails"):
                files = [b] + [by_file[s] for s in b.opts["sources"]]
                srcs, libs = [], ["strata_test_engine"]  # a program without src.hpp links it too
                for part in files:
                    code, part_libs = compiled_once(part.code, md, part.line + 1)
                    libs += part_libs
                    fname = f"program_{b.index}_{part.index}.cpp"
                    write_if_changed(pdir / fname, unit_head(page, [])
                                     + "".join(line + "\n" for line in part.opts["before"])
                                     + line_marker(md, part) + code)
                    srcs.append(str(pdir / fname))
                target = f"docs_{name}_program_{b.index}"
                cmake.append(f"add_executable({target} {' '.join(srcs)})\n"
                             f"target_link_libraries({target} PRIVATE strata::strata"
                             f" {' '.join(dict.fromkeys(libs))} {links})\n"
                             f"target_include_directories({target} PRIVATE {pdir} ${{PROJECT_SOURCE_DIR}})\n")
                targets.append(target)
                if "run" in b.opts:
                    if b.next_text is None:
                        raise SystemExit(f"{md}:{b.line}: `run` needs a ```text block after the program")
                    runs.append({"target": target, "line": b.line, "args": b.opts["run"],
                                 "env": b.opts["env"], "files": b.opts["files"],
                                 "exit": int(b.opts.get("exit", "0")), "expected": b.next_text})

        for b in blocks:
            if b.opts.get("fails"):
                fname = pdir / f"fails_{b.index}.cpp"
                inc, _ = split_includes(b.code)
                write_if_changed(fname, unit_head(page, inc) + wrapped(b, md))
                regex = b.opts["fails"].replace("\\", "\\\\").replace('"', '\\"')
                cmake.append(
                    f"strata_docs_fails(docs.{name}.fails_line_{b.line} {fname} \"{regex}\" \"{pdir}\" {links})\n")

        cmake.append(f"add_custom_target(docs_{name}_all DEPENDS {' '.join(targets)})\n"
                     f"strata_docs_test({name})\n")
        manifest[name] = {"md": md, "all": f"docs_{name}_all", "runs": runs}
    write_if_changed(out / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    write_if_changed(out / "docs.cmake", "".join(cmake))
    pages_list = ";".join(str(p) for p in pages)
    write_if_changed(out / "pages.txt", pages_list + "\n")


def run(manifest_path, name, build_dir):
    entry = json.loads(Path(manifest_path).read_text())[name]
    build = subprocess.run(["cmake", "--build", build_dir, "--target", entry["all"]],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        print(build.stdout)
        print(f"{entry['md']}: a snippet does not compile")
        return 1
    failures = 0
    for r in entry["runs"]:
        exe = next(Path(build_dir).rglob(r["target"]), None)
        with tempfile.TemporaryDirectory() as cwd:
            for fname, text in r["files"]:
                (Path(cwd) / fname).parent.mkdir(parents=True, exist_ok=True)
                (Path(cwd) / fname).write_text(text)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
            env.update(kv.split("=", 1) for kv in r["env"])
            proc = subprocess.run([str(exe), *r["args"]], cwd=cwd, env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        got = "\n".join(l.rstrip() for l in proc.stdout.rstrip("\n").splitlines())
        want = "\n".join(l.rstrip() for l in r["expected"].rstrip("\n").splitlines())
        where = f"{entry['md']}:{r['line']}"
        if proc.returncode != r["exit"]:
            print(f"{where}: exit status {proc.returncode}, the page expects {r['exit']}")
            failures += 1
        if got != want:
            print(f"{where}: the output differs from the ```text block after the program\n"
                  f"--- the page\n{want}\n--- the program\n{got}")
            failures += 1
        if not failures:
            print(f"{where}: output as shown")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
    elif len(sys.argv) == 5 and sys.argv[1] == "run":
        sys.exit(run(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
