#!/usr/bin/env python3
"""Qt translations of the plugin without pylupdate: ``tr("...")`` literals are found with ``ast``.

    translations.py update   # add new tr() strings to every remix_plugin/i18n/*.ts, keep translations
    translations.py check    # exit 1 when a tr() string is missing from a .ts or left untranslated
    translations.py release  # lrelease every .ts into its .qm (build output, git-ignored)

Only calls of a function named ``tr`` (or ``self.tr`` / ``QCoreApplication.translate(ctx, "...")``)
whose first argument is a plain string literal are collected; the context is the plugin's single
context ``RemixPlugin`` (see remix_plugin/i18n.py) unless a literal ``context=`` is given.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "remix_plugin"
I18N_DIR = PACKAGE_DIR / "i18n"
DEFAULT_CONTEXT = "RemixPlugin"
LANGUAGES = {"it": "it_IT"}


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_file(path: Path):
    """Yield (context, source text, relative file, line) for each tr() literal in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute):
            name = func.attr
        else:
            continue
        args = node.args
        if name == "translate" and len(args) >= 2:  # QCoreApplication.translate(context, text)
            context, text = _literal(args[0]), _literal(args[1])
        elif name == "tr" and args:
            text = _literal(args[0])
            context = DEFAULT_CONTEXT
            for kw in node.keywords:
                if kw.arg == "context" and _literal(kw.value) is not None:
                    context = _literal(kw.value)
            if len(args) > 1 and _literal(args[1]) is not None:
                context = _literal(args[1])
        else:
            continue
        if context and text:
            yield context, text, rel, node.lineno


def extract(package_dir: Path = PACKAGE_DIR):
    """{context: {text: [(file, line), ...]}} over every .py file of the package, in file order."""
    found: dict[str, dict[str, list]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        for context, text, rel, line in extract_file(path):
            found.setdefault(context, {}).setdefault(text, []).append((rel, line))
    return found


def read_ts(path: Path):
    """{(context, source): (translation or "", type attribute or "")} from a .ts file."""
    entries = {}
    if not path.is_file():
        return entries
    dom = xml.dom.minidom.parse(str(path))  # our own file, not untrusted input
    for ctx in dom.getElementsByTagName("context"):
        name = _text(ctx.getElementsByTagName("name")[0])
        for msg in ctx.getElementsByTagName("message"):
            source = _text(msg.getElementsByTagName("source")[0])
            tnodes = msg.getElementsByTagName("translation")
            translation = _text(tnodes[0]) if tnodes else ""
            kind = tnodes[0].getAttribute("type") if tnodes else "unfinished"
            entries[(name, source)] = (translation, kind)
    return entries


def _text(node):
    return "".join(child.data for child in node.childNodes if child.nodeType in (3, 4))


def _esc(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def write_ts(path: Path, language: str, found, existing):
    """Write a .ts: current strings with kept translations; strings no longer used become obsolete."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    contexts = sorted(set(found) | {ctx for ctx, _ in existing})
    for context in contexts:
        lines += ["<context>", f"    <name>{_esc(context)}</name>"]
        current = found.get(context, {})
        for text, locations in current.items():
            translation, kind = existing.get((context, text), ("", "unfinished"))
            lines.append("    <message>")
            for rel, line in locations:
                lines.append(f'        <location filename="../../{rel}" line="{line}"/>')
            lines.append(f"        <source>{_esc(text)}</source>")
            attr = ' type="unfinished"' if (not translation or kind == "unfinished") else ""
            lines.append(f"        <translation{attr}>{_esc(translation)}</translation>")
            lines.append("    </message>")
        for (ctx, text), (translation, _kind) in sorted(existing.items()):
            if ctx == context and text not in current and translation:
                lines += ["    <message>", f"        <source>{_esc(text)}</source>",
                          f'        <translation type="vanished">{_esc(translation)}</translation>',
                          "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ts_files():
    return [I18N_DIR / f"remix_{lang}.ts" for lang in LANGUAGES]


def problems(found=None):
    """Human-readable list of tr() strings missing from a .ts or without a finished translation."""
    found = extract() if found is None else found
    out = []
    for ts in ts_files():
        existing = read_ts(ts)
        for context, texts in found.items():
            for text, locations in texts.items():
                rel, line = locations[0]
                entry = existing.get((context, text))
                if entry is None:
                    out.append(f"{ts.name}: missing {text!r} ({rel}:{line}); run `make translations-update`")
                elif not entry[0] or entry[1] == "unfinished":
                    out.append(f"{ts.name}: untranslated {text!r} ({rel}:{line})")
    return out


def lrelease_binary():
    for name in ("lrelease", "lrelease-qt5", "lrelease5"):
        found = shutil.which(name)
        if found:
            return found
    qt5 = Path("/usr/lib/qt5/bin/lrelease")
    if qt5.exists():
        return str(qt5)
    raise SystemExit("lrelease not found: install qttools5-dev-tools (scripts/setup.sh does)")


def release(quiet=False):
    """Compile every .ts into a .qm next to it; returns the .qm paths."""
    binary = lrelease_binary()
    outputs = []
    for ts in sorted(I18N_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        cmd = [binary, "-nounfinished", *(["-silent"] if quiet else []), str(ts), "-qm", str(qm)]
        subprocess.run(cmd, check=True)
        outputs.append(qm)
    return outputs


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("update", "check", "release"))
    args = parser.parse_args(argv)
    if args.command == "update":
        found = extract()
        I18N_DIR.mkdir(parents=True, exist_ok=True)
        for ts in ts_files():
            lang = ts.stem.split("_", 1)[1]
            write_ts(ts, LANGUAGES[lang], found, read_ts(ts))
            print(f"updated {ts.relative_to(ROOT)}")
        for line in problems(found):
            print(line)
        return 0
    if args.command == "check":
        issues = problems()
        for line in issues:
            print(line, file=sys.stderr)
        print(f"translations: {len(issues)} problem(s)")
        return 1 if issues else 0
    for qm in release(quiet=True):
        print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
