"""Run every benchmark script and assemble ``BENCHMARKS.md`` from their results.

Usage: ``python benchmarks/run_all.py [NAME ...]`` (names like ``import``, ``forecast``,
``solve``; none = all). Each ``bench_<name>.py`` writes ``benchmarks/results/<name>.md``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("import", "forecast", "queue", "solve", "replan", "app")


def scripts(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        found = [p for p in found if p.stem.removeprefix("bench_") in names]
    return found


def assemble() -> Path:
    results = {p.stem: p for p in (HERE / "results").glob("*.md")}
    ordered = [results[n] for n in ORDER if n in results]
    ordered += [p for n, p in sorted(results.items()) if n not in ORDER]
    parts = [
        "# Benchmarks\n",
        "Made by `make bench` (`benchmarks/run_all.py`); every instance is generated from a "
        "fixed seed, so a re-run measures the same work. Each section names the machine "
        "and the date it was measured on.\n",
    ]
    parts += [p.read_text(encoding="utf-8").rstrip() + "\n" for p in ordered]
    out = HERE.parent / "BENCHMARKS.md"
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    failed = []
    for script in scripts(argv):
        print(f"== {script.name}", file=sys.stderr, flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode:
            failed.append(script.name)
    print(f"wrote {assemble()}", file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
