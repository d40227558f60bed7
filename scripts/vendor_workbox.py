"""Copy Workbox's service-worker builds from node_modules (pinned in package.json) into the theme,
where the build publishes them and the generated sw.js loads them. Run after `npm ci` whenever
package.json changes Workbox's version; tests/test_offline.py checks the copies are current.

Usage: python scripts/vendor_workbox.py"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "overrides" / "assets" / "vendor" / "workbox"
# workbox-sw loads the others on first use, by name, from the same folder (sw.js sets
# modulePathPrefix). Precaching needs core, routing and strategies.
BUILDS = {
    "workbox-sw": "workbox-sw.js",
    "workbox-core": "workbox-core.prod.js",
    "workbox-precaching": "workbox-precaching.prod.js",
    "workbox-routing": "workbox-routing.prod.js",
    "workbox-strategies": "workbox-strategies.prod.js",
}


def vendored_text(package: str, name: str, modules: Path = ROOT / "node_modules") -> str:
    """The build as published here: its source-map comment dropped (no maps are shipped)."""
    text = (modules / package / "build" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
    return "\n".join(lines) + "\n"


def main() -> int:
    modules = ROOT / "node_modules"
    if not (modules / "workbox-sw").is_dir():
        print("error: node_modules has no Workbox — run `npm ci` first", file=sys.stderr)
        return 1
    VENDOR.mkdir(parents=True, exist_ok=True)
    versions = {}
    for package, name in BUILDS.items():
        (VENDOR / name).write_text(vendored_text(package, name, modules), encoding="utf-8")
        versions[package] = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))["version"]
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"vendored {len(BUILDS)} Workbox builds into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
