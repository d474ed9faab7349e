#!/usr/bin/env python3
"""Vendor the map's browser assets from npm into ``src/harmledger/web/static/vendor/``.

The web app serves every asset itself (it must work offline), so the files are committed; run this
only to upgrade them. It installs the pinned packages with npm into a temporary folder and copies the
few files the pages load (about 1 MB), with each package's licence.

    python scripts/vendor_assets.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "harmledger" / "web" / "static" / "vendor"

# npm package spec → (file in the package, name under vendor/)
PACKAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "leaflet@1.9.4": (
        ("dist/leaflet.js", "leaflet/leaflet.js"),
        ("dist/leaflet.css", "leaflet/leaflet.css"),
        ("dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
        ("dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
        ("dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
        ("LICENSE", "leaflet/LICENSE"),
    ),
    "leaflet.markercluster@1.5.3": (
        ("dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
        ("dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
        ("dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
        ("MIT-LICENCE.txt", "markercluster/LICENSE"),
    ),
    "topojson-client@3.1.0": (
        ("dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
        ("LICENSE", "topojson/LICENSE"),
    ),
    "world-atlas@2.0.2": (
        ("countries-50m.json", "world-atlas/countries-50m.json"),
        ("LICENSE", "world-atlas/LICENSE"),
    ),
}


def main() -> int:
    """Install the pinned packages in a temp dir and copy the served files into vendor/."""
    with tempfile.TemporaryDirectory(prefix="harmledger-vendor-") as tmp:
        subprocess.run(["npm", "init", "-y"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *PACKAGES], cwd=tmp, check=True
        )
        for spec, files in PACKAGES.items():
            name = spec.rsplit("@", 1)[0]
            for source, target in files:
                src = Path(tmp) / "node_modules" / name / source
                if not src.exists():
                    print(f"error: {spec} has no file {source}", file=sys.stderr)
                    return 1
                dest = VENDOR / target
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
    total = sum(p.stat().st_size for p in VENDOR.rglob("*") if p.is_file())
    print(f"vendored {len(PACKAGES)} packages into {VENDOR.relative_to(ROOT)} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
