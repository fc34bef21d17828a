"""The demo's web atlas (issue 15): ``add_to_demo(gpkg_path, out_dir)`` publishes the demo
GeoPackage into ``out_dir/web`` and returns the lines for out/SUMMARY.md."""

from pathlib import Path


def add_to_demo(gpkg_path, out_dir):
    from ..web.publish import publish_web

    target = Path(out_dir) / "web"
    record = publish_web(gpkg_path, target)
    counts = record["counts"]
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    shown = f"out/{target.name}" if target.parent.name == "out" else str(target)
    return [
        f"- **Atlante web**: {shown}/index.html ({counts['progetti']} progetti, {counts['lavori']} lavori, "
        f"{size // 1024} KiB; `python3 -m http.server -d {shown}` poi http://127.0.0.1:8000/)",
    ]
