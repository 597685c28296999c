"""Regenerate the case company's CSVs, the checksum manifest and datasets/README.md.

Run ``python tools/build_datasets.py`` after changing the simulator or a data dictionary;
``--check`` only reports whether the committed files are up to date (the tests do the same).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from helpers.datasets import ALL_SPECS, CASE_SEED, CASE_TABLES, simulate_case_company
from helpers.datasets._files import MANIFEST_NAME, data_dir, sha256, write_csv
from helpers.datasets.real import load_cdnow, load_german_credit

ROOT = Path(__file__).resolve().parents[1]
INTRO = ROOT / "tools" / "datasets_intro.md"


def write_case_company(folder: Path, seed: int = CASE_SEED) -> None:
    """Write every case-company table as CSV into ``folder/case_company``."""
    tables = simulate_case_company(seed)
    missing = set(CASE_TABLES) ^ set(tables)
    if missing:
        raise SystemExit(f"simulator tables and specs differ: {sorted(missing)}")
    for name, frame in tables.items():
        spec = CASE_TABLES[name]
        if list(frame.columns) != spec.column_names:
            raise SystemExit(f"{name}: columns {list(frame.columns)} != spec {spec.column_names}")
        write_csv(frame, folder / spec.path)


def row_count(spec, folder: Path) -> int:
    if spec.key == "cdnow_master":
        return sum(1 for _ in open(folder / spec.path)) - 1
    if spec.key == "cdnow_sample":
        return sum(1 for _ in open(folder / spec.path))
    return len(pd.read_csv(folder / spec.path))


def manifest(folder: Path) -> dict[str, dict]:
    return {spec.path: {"sha256": sha256(folder / spec.path), "rows": row_count(spec, folder)}
            for spec in ALL_SPECS}


def readme(entries: dict[str, dict]) -> str:
    """The data dictionary of every file, from the specs and the manifest."""
    out = [INTRO.read_text(encoding="utf-8").rstrip(), ""]
    for spec in ALL_SPECS:
        entry = entries[spec.path]
        out += [f"## `{spec.path}` — {spec.title}", "", spec.description, "",
                f"- **Loader**: {loader_name(spec)}",
                f"- **Source**: {spec.source}", f"- **Licence**: {spec.licence}",
                f"- **Rows**: {entry['rows']:,}",
                f"- **SHA-256**: `{entry['sha256']}`"]
        out += [f"- {note}" for note in spec.notes]
        out += ["", "| column | type | unit | meaning |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.dtype} | {c.unit} | {c.meaning} |" for c in spec.columns]
        out.append("")
    return "\n".join(out)


def loader_name(spec) -> str:
    if spec.key.startswith("cdnow"):
        return f"`load_cdnow(\"{spec.key.split('_')[1]}\")`"
    if spec.key == "german_credit":
        return "`load_german_credit()`"
    if spec.key == "published/fader_hardie_2007":
        return "`load_fader_hardie_2007()`"
    table = spec.key.split("/")[1]
    return f"`load_case(\"{table}\")` or `load_case_company().{table}`"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    folder = data_dir()
    if args.check:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            tmp_dir = Path(tmp)
            write_case_company(tmp_dir)
            fresh = {s.path: sha256(tmp_dir / s.path) for s in CASE_TABLES.values()}
        stored = json.loads((folder / MANIFEST_NAME).read_text())
        stale = [p for p, digest in fresh.items() if stored.get(p, {}).get("sha256") != digest]
        print("stale: " + ", ".join(stale) if stale else "datasets are up to date")
        return 1 if stale else 0
    write_case_company(folder)
    entries = manifest(folder)
    (folder / MANIFEST_NAME).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(readme(entries), encoding="utf-8")
    load_cdnow("master"), load_cdnow("sample"), load_german_credit()  # schema check
    print(f"wrote {len(entries)} manifest entries and {folder / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
