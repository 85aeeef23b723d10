"""plantrack's speed next to its neighbours, in one run (issue 6; results in docs/performance.md).

    python benchmarks/bench.py [--runs 31] [--plans 10000] [--skip-scale | --scale-only] [--scale-rounds 3]
                                [--instructions 300]

Measures medians of whole-process wall time, the commands taking turns round after round, for: plantrack status
(table, json), check, record --dry-run, --version and shell completion on the bundled plan (the cache of
validated plans warm, as at a desk; plantrack byte-compiled, as installed), next to a bare `python -c pass` and `bean-check` on a tiny ledger (beancount is installed into benchmarks/.venv-bench
on first use, never into the project's environment). Then generates N synthetic plans (make_plans.py) and
times `plantrack check` and the overview (`status`, cold and warm) over them, in turns for --scale-rounds
rounds, with peak memory, at N and N/10 (flat memory = about the same peak).
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
from typing import NamedTuple

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
         "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.returncode, s, u.ru_maxrss, u.ru_utime + u.ru_stime)")


def probe(args: list[str], env: dict[str, str] | None = None) -> tuple[int, float, float, float]:
    """Exit code, seconds, peak RSS (MB, largest process) and CPU seconds (user + system, every process) of
    one run of `plantrack ARGS`."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(BIN / "plantrack"), *args], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]) / 1024, float(out[3])


class Figures(NamedTuple):
    seconds: float  # median wall time
    peak: float     # the largest peak RSS of any round, MB
    cpu: float      # median CPU seconds, every process
    ratio: float    # median over rounds of (this run's wall time / the same round's check)


def many_plans(count: int, work: Path, rounds: int) -> dict[str, Figures]:
    """`rounds` rounds of: `check` over `count` generated plans, then the overview (`status` with no --plan,
    table at 80 columns) over the same plans cold (an empty cache) and warm (the cache the cold run filled).
    In turns, as medians_ms does, and each run also compared with the check of its own round: on a shared
    VM the same command varies by a quarter from one minute to the next, and a ratio within one round is what
    stays fair. Issue 19: the overview no slower than check, cold and warm."""
    plans = work / f"plans-{count}"
    if not plans.exists():
        subprocess.run([sys.executable, str(HERE / "make_plans.py"), str(plans), str(count)], check=True)
    cache = work / f"cache-{count}"
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "80"}
    runs: dict[str, list[tuple[float, float, float, float]]] = {"check": [], "cold": [], "warm": []}
    for _ in range(rounds):
        code, check_seconds, peak, cpu = probe(["check", str(plans)])
        if code != 0:
            raise SystemExit(f"check failed on the generated plans ({count})")
        runs["check"].append((check_seconds, peak, cpu, 1.0))
        shutil.rmtree(cache, ignore_errors=True)
        for name in ("cold", "warm"):
            code, seconds, peak, cpu = probe(["status", "--plans-dir", str(plans)], env)
            if code not in (0, 1):
                raise SystemExit(f"status failed on the generated plans ({count})")
            runs[name].append((seconds, peak, cpu, seconds / check_seconds))
    median = statistics.median
    return {name: Figures(median(r[0] for r in values), max(r[1] for r in values), median(r[2] for r in values),
                          median(r[3] for r in values)) for name, values in runs.items()}


def instructions(count: int, work: Path) -> dict[str, int]:
    """Instructions executed (valgrind's callgrind, every process summed) by `check` and by a cold overview over
    `count` generated plans: what each command does, whatever else the machine does meanwhile (wall times on a
    shared VM move by a quarter from one minute to the next). About 30 s a command at 300 plans."""
    import re

    plans = work / f"plans-{count}"
    if not plans.exists():
        subprocess.run([sys.executable, str(HERE / "make_plans.py"), str(plans), str(count)], check=True)
    cache = work / f"cache-i-{count}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "80"}
    out = {}
    for name, args in {"check": ["check", str(plans)], "overview (cold)": ["status", "--plans-dir", str(plans)]}.items():
        run = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", "--callgrind-out-file=/dev/null",
                              str(BIN / "plantrack"), *args], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        out[name] = sum(int(n.replace(",", "")) for n in re.findall(r"Collected : ([0-9,]+)", run.stderr))
    return out


def exports(count: int, work: Path) -> dict[str, tuple[float, float]]:
    """Seconds and peak RSS of the files past one machine (docs/status-json.md, "Beyond one machine"): every
    plan's status as JSON Lines, and every recorded figure (`export --all`), over the generated plans. Once
    each, written to /dev/null: no target, figures for docs/performance.md."""
    plans = work / f"plans-{count}"
    env = {**os.environ, "PLANTRACK_NO_CACHE": "1"}
    out = {}
    for name, args in {"status --format jsonl": ["status", "--plans-dir", str(plans), "--format", "jsonl"],
                       "export --all --format jsonl": ["export", "--plans-dir", str(plans), "--all", "--format",
                                                       "jsonl"]}.items():
        code, seconds, peak, _ = probe(args, env)
        if code not in (0, 1):
            raise SystemExit(f"{name} failed on the generated plans ({count})")
        out[name] = (seconds, peak)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--scale-only", action="store_true", help="only the many-plans figures (check, overview)")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count instructions of check and a cold overview over N plans (needs valgrind)")
    parser.add_argument("--scale-rounds", type=int, default=3, help="rounds of check, cold and warm overview")
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
            big, small = many_plans(args.plans, work, args.scale_rounds), many_plans(args.plans // 10, work,
                                                                                    args.scale_rounds)
            seconds, peak = big["check"].seconds, big["check"].peak
            print(f"\n{args.scale_rounds} rounds: median wall time, median CPU (user + system, every process), "
                  "median of each run / its round's check; peak = the largest of any round")
            for name in ("check", "cold", "warm"):
                what = "check" if name == "check" else f"overview ({name})"
                for n, f in ((args.plans, big[name]), (args.plans // 10, small[name])):
                    print(f"{what:18} {n:6} plans: {f.seconds:6.1f} s, CPU {f.cpu:6.1f} s, {f.ratio:.2f} × check, "
                          f"peak {f.peak:.0f} MB")
            for name, (secs, mb) in exports(args.plans, work).items():
                print(f"{name} over {args.plans} plans: {secs:.1f} s ({secs / seconds:.2f} × check), peak {mb:.0f} MB")
            targets += [(f"check {args.plans} plans ≤ 10 s", seconds, 10.0),
                        ("memory flat (peak at N / peak at N/10 ≤ 1.5)", peak / small["check"].peak, 1.5)]
            for name in ("cold", "warm"):
                targets += [(f"overview {name} ≤ check ({args.plans} plans)", big[name].ratio, 1.0),
                            (f"overview {name} ≤ check ({args.plans // 10} plans)", small[name].ratio, 1.0),
                            (f"overview {name} memory flat (N / N/10 ≤ 1.5)", big[name].peak / small[name].peak,
                             1.5)]
        if args.instructions:
            counted = instructions(args.instructions, work)
            print(f"\ninstructions (callgrind, every process) over {args.instructions} plans: "
                  + ", ".join(f"{name} {n / 1e9:.2f} G" for name, n in counted.items()))
            targets.append((f"overview cold ≤ check, instructions ({args.instructions} plans)",
                            counted["overview (cold)"] / counted["check"], 1.0))
        print("\ntarget                                         value    limit   met")
        for name, value, limit in targets:
            print(f"{name:44} {value:8.2f} {limit:8.2f}   {'yes' if value <= limit else 'NO'}")


if __name__ == "__main__":
    main()
