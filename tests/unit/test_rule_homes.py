"""Each rule of the catalogue has one home: its code is emitted by exactly one module.

The modules are read as source (ast), not run: a code is *emitted* by a module where it appears
as a string literal, or, for the field requirements, where ``catalogue.requirement_rule`` is
called (it answers SCH-006, SCH-007 or REF-005 for an empty field). ``catalogue.py`` (the rules'
definitions) and ``profiles.py`` (severities per profile) name codes without emitting them.
Validation rules live in ``validation/rules/`` and say which codes they emit in ``CODES``; the
bundle checker's conformance codes (BND-*) live under ``export/``.
"""

import ast
import re
from pathlib import Path

from remix_plugin.layers.model import load_model
from remix_plugin.validation import catalogue

PACKAGE = Path(__file__).resolve().parents[2] / "remix_plugin"
RULES = PACKAGE / "validation" / "rules"
CODE = re.compile(r"^[A-Z]{3}-\d{3}$")
NAMING_ONLY = {PACKAGE / "validation" / "catalogue.py", PACKAGE / "validation" / "profiles.py"}


def requirement_codes():
    """Every code requirement_rule gives for an empty required or recommended field."""
    found = set()
    for table in load_model().tables:
        for model_field in table.fields:
            state, code = catalogue.requirement_rule(table.name, model_field)
            if state in ("required", "recommended"):
                found.add(code)
    return found


def _constant_names(node):
    return [t.id for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()]


def scan(source):
    """(codes the module emits, codes its CODES declares, whether it calls requirement_rule) of
    one module's source text. Codes in other module-level collections (``STRUCTURAL = ("BND-002",
    …)``) name rules for a purpose and are not emissions; a module-level single code
    (``MORE_CASES = "BND-042"``) is the module's own, emitted where it is used."""
    tree = ast.parse(source)
    declared, naming = set(), set()
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and _constant_names(node)
            and not isinstance(node.value, ast.Constant)
        ):
            for item in ast.walk(node.value):
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    naming.add(id(item))
                    if "CODES" in _constant_names(node):
                        declared.add(item.value)
    emitted = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE.match(node.value)
        and id(node) not in naming
    }
    calls_requirement_rule = any(
        isinstance(node, ast.Name)
        and node.id == "requirement_rule"
        or isinstance(node, ast.Attribute)
        and node.attr == "requirement_rule"
        for node in ast.walk(tree)
    )
    return emitted, declared, calls_requirement_rule


def homes(sources, requirement=frozenset()):
    """{code: [module, ...]} over {module: source}; a module calling requirement_rule emits
    ``requirement``'s codes."""
    found = {}
    for module, source in sources.items():
        emitted, _, calls = scan(source)
        if calls and module.startswith("validation/rules/"):
            emitted |= set(requirement)
        for code in emitted:
            found.setdefault(code, []).append(module)
    return found


def _implementation_sources():
    sources = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in NAMING_ONLY:
            continue
        sources[path.relative_to(PACKAGE).as_posix()] = path.read_text(encoding="utf-8")
    return sources


def test_every_catalogue_code_is_emitted_by_exactly_one_rule_module():
    found = homes(_implementation_sources(), requirement_codes())
    problems = []
    for code in catalogue.codes():
        modules = found.get(code, [])
        if len(modules) != 1 or not modules[0].startswith("validation/rules/"):
            problems.append((code, modules))
    assert problems == [], "each code needs one home in validation/rules/ (code, modules emitting it)"


def test_bundle_conformance_codes_live_in_the_checker():
    bundle_codes = getattr(catalogue, "bundle_codes", lambda: [])()
    found = homes(_implementation_sources())
    problems = []
    for code in bundle_codes:
        modules = found.get(code, [])
        if len(modules) != 1 or not modules[0].startswith("export/"):
            problems.append((code, modules))
    assert problems == []


def test_no_module_emits_a_code_the_catalogue_lacks():
    known = set(catalogue.codes()) | set(getattr(catalogue, "bundle_codes", lambda: [])())
    unknown = {
        code: modules for code, modules in homes(_implementation_sources()).items() if code not in known
    }
    assert unknown == {}


def test_each_rule_module_declares_what_it_emits():
    requirement = requirement_codes()
    helpers = ("__init__.py", "geometry_checks.py", "geometry_rows.py", "overlap_pairs.py")  # no rules
    modules = sorted(p for p in RULES.glob("*.py") if p.name not in helpers)
    assert {p.stem for p in modules} >= {"structure", "scheme_values", "records", "references", "geometry"}
    for path in modules:
        emitted, declared, calls = scan(path.read_text(encoding="utf-8"))
        if calls:
            emitted |= requirement
        assert emitted == declared, path.name
        groups = {catalogue.rule(code).group for code in declared}
        # a module holds one catalogue group; the requirement rule spans scheme and references
        assert len(groups) == 1 or path.stem == "requirements", (path.name, groups)


def test_rule_modules_are_short_enough_to_read_in_one_sitting():
    for path in RULES.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 320, path.name
    assert len((PACKAGE / "validation" / "engine.py").read_text(encoding="utf-8").splitlines()) <= 220


def test_the_scan_catches_a_code_with_two_homes_or_none():
    """The checks above can fail: a code emitted twice, or declared and never emitted."""
    twice = {
        "validation/rules/a.py": 'CODES = ("SCH-001",)\nemit("SCH-001")\n',
        "validation/rules/b.py": 'CODES = ()\nemit("SCH-001")\n',
    }
    assert homes(twice)["SCH-001"] == ["validation/rules/a.py", "validation/rules/b.py"]
    emitted, declared, _ = scan('CODES = ("GEO-001", "GEO-002")\nemit("GEO-001")\n')
    assert declared - emitted == {"GEO-002"}
    emitted, _, _ = scan('STRUCTURAL = ("BND-002",)\n')
    assert emitted == set()  # a module-level collection names a code, it does not emit it
    assert scan('MORE_CASES = "BND-042"\n')[0] == {"BND-042"}
    emitted, _, calls = scan("state, code = requirement_rule(t, f)\n")
    assert calls and homes({"validation/rules/r.py": "requirement_rule(t, f)\n"}, {"SCH-006"}) == {
        "SCH-006": ["validation/rules/r.py"]
    }
