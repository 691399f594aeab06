"""`python -m geo build-gazetteer`: rebuild data/gazetteer.csv.gz from data/sources and the overlays."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import gazetteer


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "build-gazetteer",
        help="rebuild the gazetteer file from the copied sources",
        description="Rebuild the gazetteer from data/sources plus data/overlay_project.csv.",
    )
    parser.add_argument("--sources", type=Path, default=gazetteer.DEFAULT_SOURCES, help="source folder")
    parser.add_argument("--out", type=Path, default=gazetteer.DEFAULT_PATH, help="file to write (.csv.gz)")
    parser.add_argument(
        "--overlay",
        type=Path,
        default=None,
        help="project overlay CSV (default: overlay_project.csv beside the source folder)",
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    overlay = getattr(args, "overlay", None)
    summary = gazetteer.build(args.sources, args.out, project_overlay=overlay)
    per_source = ", ".join(f"{k} {v}" for k, v in sorted(summary["by_source"].items()))
    print(
        f"{summary['out']}: {summary['rows']} places ({per_source}); "
        f"{summary['with_arabic']} with Arabic names"
    )
    return 0
