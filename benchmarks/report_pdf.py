"""How long `plantrack report --format pdf` takes, and its peak memory (issue 27; results in docs/performance.md).

    python benchmarks/report_pdf.py [--runs 5] [--plans DIR] [--src LABEL=DIR ...] [--fonttools]

Runs `plantrack report --format pdf -o r.pdf` on the bundled plan (14 indicators) in child processes, the
sources given taking turns round after round (default: this tree's src/; add e.g. `--src before=/tmp/old/src`
for a checkout of an earlier commit), and prints for each the median wall time, the median CPU time (user +
system: what the run costs when the machine is busy with others) and the largest peak RSS (os.wait4's rusage of
that child alone). `--fonttools` also runs each with WeasyPrint's own fallback subsetter (fontTools, used when
HarfBuzz's subsetter is missing or older than 4.1, and by WeasyPrint before it had one). The PDF of each run
is checked with pdffonts: every font embedded. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHILD = """
import sys
if sys.argv[1] == "fonttools":
    import weasyprint.pdf.fonts
    weasyprint.pdf.fonts.harfbuzz_subset = None  # WeasyPrint then subsets with fontTools
sys.argv = ["plantrack", *sys.argv[2:]]
from plantrack.cli import main
main()
"""


def one(src: Path, mode: str, plans: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one report run."""
    env = {**os.environ, "PYTHONPATH": str(src), "PLANTRACK_NO_CACHE": "1"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode, "report", "--plans-dir", str(plans), "--format", "pdf",
                              "-o", str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{src} ({mode}) failed: {err[-2000:]}")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    if not fonts or not all(" yes " in row for row in fonts):
        raise SystemExit(f"{src} ({mode}): a font is not embedded:\n" + "\n".join(fonts))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", type=Path, default=REPO / "plans")
    parser.add_argument("--src", action="append", default=[], metavar="LABEL=DIR")
    parser.add_argument("--fonttools", action="store_true")
    args = parser.parse_args()
    sources = [("this tree", REPO / "src")] + [tuple(s.split("=", 1)) for s in args.src]  # type: ignore[misc]
    modes = ["harfbuzz", "fonttools"] if args.fonttools else ["harfbuzz"]
    cases = [(label, Path(src), mode) for label, src in sources for mode in modes]
    results: dict[tuple[str, str], list[tuple[float, float, float]]] = {(c[0], c[2]): [] for c in cases}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            for label, src, mode in cases:
                results[(label, mode)].append(one(src, mode, args.plans, Path(tmp) / "r.pdf"))
            print(f"round {n + 1}/{args.runs} done", file=sys.stderr)
    print(f"{'sources':<14} {'subsetter':<10} {'wall s (median)':>16} {'CPU s (median)':>15} {'peak RSS MB':>12}")
    for (label, mode), runs in results.items():
        print(f"{label:<14} {mode:<10} {statistics.median(r[0] for r in runs):>16.2f} "
              f"{statistics.median(r[1] for r in runs):>15.2f} {max(r[2] for r in runs):>12.0f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}  (targets: <= 5 s, <= 200 MB)")


if __name__ == "__main__":
    main()
