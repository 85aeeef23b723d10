"""plantrack's speed next to its neighbours, in one run (issue 6; results in docs/performance.md).

    python benchmarks/bench.py [--runs 31] [--plans 10000] [--skip-scale]

Measures medians of whole-process wall time, the commands taking turns round after round, for: plantrack status
(table, json), check, record --dry-run, --version and shell completion on the bundled plan (the cache of
validated plans warm, as at a desk; plantrack byte-compiled, as installed), next to a bare `python -c pass` and `bean-check` on a tiny ledger (beancount is installed into benchmarks/.venv-bench
on first use, never into the project's environment). Then generates N synthetic plans (make_plans.py) and
times `plantrack check` over them, with peak memory, at N and N/10 (flat memory = about the same peak).
Prints every target and whether it is met. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
LEDGER = """2024-01-01 open Assets:Cash CNY
2024-01-01 open Income:Salary CNY
2024-01-05 * "Salary"
  Assets:Cash      100 CNY
  Income:Salary   -100 CNY
"""


def bean_check() -> Path:
    found = shutil.which("bean-check")
    if found:
        return Path(found)
    env = HERE / ".venv-bench"
    exe = env / "bin" / "bean-check"
    if not exe.exists():
        print("installing beancount into benchmarks/.venv-bench (once) …", flush=True)
        venv.create(env, with_pip=True)
        subprocess.run([env / "bin" / "python", "-m", "pip", "install", "-q", "beancount"], check=True)
    return exe


Spec = tuple[list[str], dict[str, str] | None, Path | None]  # command, environment, working directory


def medians_ms(commands: dict[str, Spec], runs: int) -> dict[str, float]:
    """Median wall time of each command, run in turns (one of each per round), so that whatever else the
    machine does at a moment weighs on every command alike and the ratios stay fair."""
    def once(cmd: list[str], env: dict[str, str] | None, cwd: Path | None) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    for spec in commands.values():
        once(*spec)  # warm up: the file cache, and plantrack's cache of validated plans
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, spec in commands.items():
            times[name].append(once(*spec))
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def compile_package() -> None:
    """Byte-compile plantrack, as `pip install` does: an editable install under PYTHONDONTWRITEBYTECODE=1
    would otherwise recompile its sources on every call, which no installed copy does."""
    where = subprocess.run([sys.executable, "-c", "import os, plantrack; print(os.path.dirname(plantrack.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)


def desk(runs: int, work: Path) -> dict[str, float]:
    plantrack = str(BIN / "plantrack")
    shutil.copytree(REPO / "plans", work / "plans")
    (work / "tiny.beancount").write_text(LEDGER, encoding="utf-8")
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    complete = {**env, "_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "plantrack show ", "COMP_CWORD": "2"}
    record = [plantrack, "record", "value-added-growth", "2022", "512000", "--source", "bench", "--dry-run"]
    return medians_ms({
        "python -c pass": ([sys.executable, "-c", "pass"], None, None),
        "bean-check (tiny ledger)": ([str(bean_check()), str(work / "tiny.beancount")], None, None),
        "plantrack --version": ([plantrack, "--version"], env, work),
        "plantrack completion (Tab)": ([plantrack], complete, work),
        "plantrack status": ([plantrack, "status"], env, work),
        "plantrack status --format json": ([plantrack, "status", "--format", "json"], env, work),
        "plantrack check": ([plantrack, "check"], env, work),
        "plantrack record --dry-run": (record, env, work),
    }, runs)


PROBE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
         "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); s = time.perf_counter() - t; "
         "print(r.returncode, s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def probe(args: list[str], env: dict[str, str] | None = None) -> tuple[int, float, float]:
    """Exit code, seconds and peak RSS (MB, largest process) of one run of `plantrack ARGS`."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(BIN / "plantrack"), *args], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024


def scale(count: int, work: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB, largest process) of `plantrack check` over `count` generated plans."""
    plans = work / f"plans-{count}"
    if not plans.exists():
        subprocess.run([sys.executable, str(HERE / "make_plans.py"), str(plans), str(count)], check=True)
    code, seconds, peak = probe(["check", str(plans)])
    if code != 0:
        raise SystemExit(f"check failed on the generated plans ({count})")
    return seconds, peak


def overview(count: int, work: Path) -> dict[str, tuple[float, float]]:
    """The overview (`status` with no --plan, table) over the same generated plans: cold (an empty cache of
    validated plans) and warm (the cache filled by the cold run). Issue 19: no slower than check."""
    plans = work / f"plans-{count}"
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(work / f"cache-{count}"), "NO_COLOR": "1", "COLUMNS": "80"}
    shutil.rmtree(work / f"cache-{count}", ignore_errors=True)
    out = {}
    for name in ("cold", "warm"):
        code, seconds, peak = probe(["status", "--plans-dir", str(plans)], env)
        if code not in (0, 1):
            raise SystemExit(f"status failed on the generated plans ({count})")
        out[name] = (seconds, peak)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--scale-only", action="store_true", help="only the many-plans figures (check, overview)")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        targets = []
        if not args.scale_only:
            ms = desk(args.runs, work)
            bare, bean = ms["python -c pass"], ms["bean-check (tiny ledger)"]
            print(f"\nmedians of {args.runs} runs, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
            print(f"{'command':34} {'ms':>8} {'× python':>9} {'× bean-check':>13}")
            for name, value in ms.items():
                print(f"{name:34} {value:8.1f} {value / bare:9.2f} {value / bean:13.2f}")
            targets += [
                ("status ≤ bean-check", ms["plantrack status"] / bean, 1.0),
                ("status --format json ≤ bean-check", ms["plantrack status --format json"] / bean, 1.0),
                ("--version ≤ 5 × python", ms["plantrack --version"] / bare, 5.0),
                ("completion ≤ 5 × python", ms["plantrack completion (Tab)"] / bare, 5.0),
            ]
        if not args.skip_scale:
            seconds, peak = scale(args.plans, work)
            small_seconds, small_peak = scale(args.plans // 10, work)
            print(f"\ncheck over {args.plans} plans: {seconds:.1f} s, {args.plans / seconds:.0f} plans/s, "
                  f"peak {peak:.0f} MB (at {args.plans // 10}: {small_seconds:.1f} s, peak {small_peak:.0f} MB)")
            targets += [(f"check {args.plans} plans ≤ 10 s", seconds, 10.0),
                        ("memory flat (peak at N / peak at N/10 ≤ 1.5)", peak / small_peak, 1.5)]
            views, small_views = overview(args.plans, work), overview(args.plans // 10, work)
            for name, (secs, mb) in views.items():
                print(f"overview ({name}) over {args.plans} plans: {secs:.1f} s, peak {mb:.0f} MB "
                      f"(at {args.plans // 10}: {small_views[name][0]:.1f} s, peak {small_views[name][1]:.0f} MB)")
                targets += [(f"overview {name} ≤ check ({args.plans} plans)", secs / seconds, 1.0),
                            (f"overview {name} memory flat (N / N/10 ≤ 1.5)", mb / small_views[name][1], 1.5)]
        print("\ntarget                                         value    limit   met")
        for name, value, limit in targets:
            print(f"{name:44} {value:8.2f} {limit:8.2f}   {'yes' if value <= limit else 'NO'}")


if __name__ == "__main__":
    main()
