"""The demo's network proposals and priority scores (``make demo``; no QGIS).

``add_to_demo(gpkg_path, out_dir)`` reads the demo GeoPackage (it is not changed) and writes
``out_dir/proposte_programmi.gpkg`` (the proposals, to open in QGIS) and
``out_dir/priorita_metropolitana.csv`` (the scores with their breakdown); it returns the lines
for ``out/SUMMARY.md``.

The seed's Rho, Pero, Cornaredo and Pogliano Milanese are neighbouring comuni of the Nord Ovest
zone. Their demo lavori are illustrative rectangles near each comune's centre, 3.4–4.8 km apart,
so the demo uses a proximity distance of 5,000 m (the command's default, 1,500 m, is meant for
real perimeters): the four projects form one territorial proposal.
"""

from pathlib import Path

DEMO_DISTANCE = 5000.0  # metres: see the module docstring
NORD_OVEST_EXAMPLE = ("015087", "015170", "015176", "015182")  # Cornaredo, Pero, Pogliano M., Rho


def add_to_demo(gpkg_path, out_dir):
    from ..networks.output import write_proposals
    from ..networks.suggest import suggest
    from ..priority.score import load_profile, score_projects, write_csv

    out_dir = Path(out_dir)
    lines = []
    result = suggest(gpkg_path, distance=DEMO_DISTANCE)
    proposals = out_dir / "proposte_programmi.gpkg"
    write_proposals(result, proposals, source_label=Path(gpkg_path).name)
    territorial = [p for p in result.proposals if p.kind == "territoriale"]
    example = [p for p in territorial if set(NORD_OVEST_EXAMPLE) <= set(p.comuni)]
    ok = bool(example)
    distance = f"{DEMO_DISTANCE:,.0f}".replace(",", ".")
    text = (
        f"{len(result.proposals)} proposte ({len(territorial)} territoriali entro {distance} m, "
        f"{len(result.proposals) - len(territorial)} tematiche), {len(result.suppressed)} non "
        f"riproposte (già programmi o decise) → {_relative(proposals, out_dir)}"
    )
    lines.append(f"- **Proposte di programmi a rete**: {text}" + ("" if ok else " — **FAILED**"))
    for proposal in example:
        lines.append(
            f"  - rete territoriale Nord Ovest: {', '.join(proposal.comuni_names)} — "
            f"{len(proposal.members)} progetti, coppie a {', '.join(_km(p[2]) for p in proposal.pairs)}"
        )
    profile = load_profile()
    scores = score_projects(gpkg_path, profile)
    csv_path = out_dir / "priorita_metropolitana.csv"
    write_csv(scores, profile, csv_path)
    best = scores[0] if scores else None
    lines.append(
        f"- **Priorità metropolitana** (profilo {profile.name} {profile.version}, pesi "
        f"illustrativi): {len(scores)} progetti → {_relative(csv_path, out_dir)}"
        + (f"; primo «{best.titolo}» {best.score:.1f}/100" if best else "")
    )
    return lines


def _km(metres):
    return f"{metres / 1000:.1f} km".replace(".", ",")


def _relative(path, out_dir):
    return f"out/{Path(path).relative_to(out_dir)}" if out_dir.name == "out" else str(path)
