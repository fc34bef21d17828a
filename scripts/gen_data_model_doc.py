#!/usr/bin/env python3
"""Regenerate the table/field section of docs/data-model.md from remix_plugin/layers/model.py.

    gen_data_model_doc.py          # rewrite the generated section in place
    gen_data_model_doc.py --check  # exit 1 when the doc is out of date
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "data-model.md"
BEGIN = "<!-- BEGIN GENERATED: scripts/gen_data_model_doc.py -->"
END = "<!-- END GENERATED -->"


def generated():
    sys.path.insert(0, str(ROOT))
    from remix_plugin.layers.model import load_model

    model = load_model()
    lines = [BEGIN, ""]
    for table in model.tables:
        geometry = table.geometry or "none"
        if table.geometry:
            geometry += " (required)" if table.geometry_required else " (optional)"
        lines += [f"### `{table.name}` — {table.label('it')} / {table.label('en')}", "",
                  f"Geometry: {geometry}." + (" Reference data, not edited." if table.reference else ""), "",
                  "| field | kind | label (it) | requirement | code list / reference | default (QGIS) |",
                  "|---|---|---|---|---|---|"]
        for field in table.fields:
            target = field.references
            if field.dimension:
                target = field.dimension + (" (multi)" if field.multi else "")
            default = field.default_expression.replace("|", "\\|")
            if default and field.apply_on_update:
                default += " (on update)"
            kind = field.kind + (" (system)" if field.system else "")
            lines.append(f"| `{field.name}` | {kind} | {field.label('it')} | {field.requirement} | "
                         f"{target} | {f'`{default}`' if default else ''} |")
        lines.append("")
    lines += ["### Relations", "", "| id | parent | child.field | on delete of the parent |",
              "|---|---|---|---|"]
    for relation in model.relations:
        effect = "children deleted" if relation.strength == "composition" else "link cleared"
        lines.append(f"| `{relation.id}` | {relation.parent} | {relation.child}.{relation.child_field} | "
                     f"{relation.strength}: {effect} |")
    lines += ["", END]
    return "\n".join(lines)


def render(text):
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head + generated() + tail


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    new = render(text)
    if args.check:
        return 0 if new == text else 1
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
