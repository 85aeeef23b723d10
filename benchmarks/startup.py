"""Start-up of the everyday commands, for one or several copies of plantrack's sources, taking turns.

    python benchmarks/startup.py [--runs 41] [--src NAME=PATH/TO/src ...] [--instructions]

Times whole processes (what a user waits for): a bare `python -c pass`, `plantrack --version`, `plantrack status`
on the bundled plan (its cache of validated plans warm) and a Tab (bash completion of `plantrack show `, which
reads the plan's indicator ids). Every command of every copy runs once per round, so a busy moment of this
shared machine weighs on all of them alike; each copy is byte-compiled first, as `pip install` does, and has its
own cache folder (the cache's code stamp would make copies taking turns miss every time). Without --src it
times the sources beside this file. Prints medians in ms and × python, wall and CPU (user + system, from
os.wait4: the machine's load stretches it less than wall time). --instructions also counts the instructions each
command executes once (valgrind's callgrind), which the load does not move at all. A benchmark, not a test: it
asserts nothing (docs/performance.md, "One declaration of the command line").
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TAB = {"_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "plantrack show ", "COMP_CWORD": "2"}
ENTRY = "import sys; from plantrack.cli import main; sys.argv[0] = 'plantrack'; sys.exit(main())"


def commands(name: str, src: Path, work: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    env = {**os.environ, "PYTHONPATH": str(src), "PLANTRACK_CACHE_DIR": str(work / f"cache-{name}"), "NO_COLOR": "1"}
    run = [sys.executable, "-c", ENTRY]
    return {f"{name}: --version": ([*run, "--version"], env),
            f"{name}: status": ([*run, "status"], env),
            f"{name}: Tab": (run, {**env, **TAB})}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=41)
    parser.add_argument("--src", action="append", default=[], help="NAME=PATH of a src folder (repeatable)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions (callgrind)")
    args = parser.parse_args()
    sources = dict(s.split("=", 1) for s in args.src) or {"here": str(REPO / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "plans", work / "plans")
        table: dict[str, tuple[list[str], dict[str, str]]] = {"python -c pass": ([sys.executable, "-c", "pass"], {})}
        for name, src in sources.items():
            subprocess.run([sys.executable, "-m", "compileall", "-q", src], check=True)
            table.update(commands(name, Path(src).resolve(), work))
        wall: dict[str, list[float]] = {name: [] for name in table}
        cpu: dict[str, list[float]] = {name: [] for name in table}
        for round_ in range(args.runs + 1):  # the first round warms the file cache and plantrack's cache
            for name, (cmd, env) in table.items():
                start = time.perf_counter()
                proc = subprocess.Popen(cmd, env=env or None, cwd=work, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
                err = proc.stderr.read() if proc.stderr else b""
                _pid, status, usage = os.wait4(proc.pid, 0)
                took = time.perf_counter() - start
                proc.returncode = os.waitstatus_to_exitcode(status)
                if round_ == 0 and proc.returncode != 0:
                    print(f"{name}: exit {proc.returncode}\n{err.decode()[-400:]}", file=sys.stderr)
                if round_:
                    wall[name].append(took)
                    cpu[name].append(usage.ru_utime + usage.ru_stime)
        counted = {name: instructions(cmd, env, work) for name, (cmd, env) in table.items()} if args.instructions else {}
    base, base_cpu = statistics.median(wall["python -c pass"]), statistics.median(cpu["python -c pass"])
    print(f"{'command':24} {'wall ms':>8} {'× python':>9} {'CPU ms':>8} {'× python':>9}"
          + (f" {'M instr':>8} {'× python':>9}" if counted else ""))
    for name in wall:
        median, median_cpu = statistics.median(wall[name]), statistics.median(cpu[name])
        line = f"{name:24} {median * 1000:8.1f} {median / base:9.2f} {median_cpu * 1000:8.1f} {median_cpu / base_cpu:9.2f}"
        if counted:
            line += f" {counted[name] / 1e6:8.1f} {counted[name] / counted['python -c pass']:9.2f}"
        print(line)


def instructions(cmd: list[str], env: dict[str, str], work: Path) -> int:
    import re

    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], env=env or None,
                         cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return sum(int(n.replace(",", "")) for n in re.findall(r"Collected : ([0-9,]+)", run.stderr))


if __name__ == "__main__":
    main()
