"""Whether the code on disk changed under the running dashboard in a way it cannot run (a `git pull`).

Streamlit re-reads a page's script when it first runs it, or after every tab was closed, while the
modules it imported stay as they were; with its file watcher on it also drops a changed module, which
is then imported anew beside the old ones' references. Either way new code meets old (QA 21, 46:
«'View' object has no attribute 'include_vague'», two `Article` classes in store._batches). So each
run compares the files with what they were when this module was first imported; when a script
the run executes (dashboard.py, the page's own) changed, or a changed module was dropped to be
imported again, the page says in one line to restart instead of half-loading (a change to another
page waits until that page is opened: QA11 N21). A changed module still loaded is no mix: the old code runs whole until the
restart. `scripts/dashboard.sh` runs Streamlit without its file watcher, so nothing reloads by itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The command line's own modules and the gold readers: the dashboard never imports them.
NOT_DASHBOARD = ("geo/commands/*.py", "geo/cli.py", "geo/__main__.py", "geo/eval/*.py")


def _code_files() -> list[Path]:
    files = [ROOT / "dashboard.py", *sorted((ROOT / "geo").rglob("*.py"))]
    return [p for p in files if not any(p.relative_to(ROOT).match(x) for x in NOT_DASHBOARD)]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None  # deleted
    return st.st_mtime_ns, st.st_size


def fingerprint() -> dict[Path, tuple[int, int] | None]:
    """Each code file's modification time and size (about 70 stat calls: well under a millisecond)."""
    return {p: _stamp(p) for p in _code_files()}


LOADED = fingerprint()  # the code this server process started with


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


SEEN: set[str] = set()  # the project's modules this process has held


def _read_anew(path: Path, scripts: frozenset[str]) -> bool:
    """Whether this run would read `path` from disk again beside code read before: one of the scripts
    it runs (Streamlit runs them, never holds them as modules), or a module the process held and no
    longer holds (a file watcher dropped it). Another page's script waits for that page's run."""
    if path.relative_to(ROOT).as_posix() in scripts:
        return True
    name = _module_name(path)
    return name in SEEN and name not in sys.modules


def changed_files(scripts: tuple[str, ...] = ("dashboard.py",), loaded: dict | None = None) -> list[Path]:
    """The code files that differ from what the process started with and that this run, running
    `scripts` (paths from the checkout's root), would read anew."""
    SEEN.update(n for n in list(sys.modules) if n == "geo" or n.startswith("geo."))
    loaded = LOADED if loaded is None else loaded
    run = frozenset(scripts)
    return [p for p, was in loaded.items() if _stamp(p) != was and _read_anew(p, run)]
