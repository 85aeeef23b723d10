"""Run a job over many items in worker processes: results in order, memory flat, no hang, and the same on every
system.

Spawn-safe by construction (issue 26): a job is a module-level function, or a functools.partial of one, with
picklable arguments, and a worker learns everything else from its initializer's arguments — never from a
module global set in the parent before a fork. So the same code runs under fork (Linux's default), spawn
(Windows, macOS) and forkserver. PLANTRACK_START_METHOD (fork, spawn or forkserver) overrides the platform's
default; the tests run their parallel cases under spawn with it (tests/test_workers_spawn.py).

Why concurrent.futures rather than multiprocessing.Pool: a worker killed by SIGKILL (what the OOM killer does)
is replaced silently by Pool and its task lost, so `imap` waits forever (issue 13). ProcessPoolExecutor
notices the death and fails every pending future with BrokenProcessPool; here that becomes a PlantrackError
naming the item the dead worker was on, which each worker writes into shared memory before it starts the item.

Ctrl-C goes to the parent only: workers ignore SIGINT (no tracebacks from them), the parent kills them on its
way out, and on Linux each worker is also killed by the kernel if the parent dies without cleaning up.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below this many items, starting worker processes costs more than it saves (check, the overview, export).
PARALLEL_FROM = 200
CHUNK = 32
START_METHOD = "PLANTRACK_START_METHOD"

# In a worker only, set by its initializer from its arguments: per item, 0 not started, a worker's pid while
# that worker is on it, -1 once done (shared memory the parent reads when a worker dies).
_progress: Any = None


def cores() -> int:
    """The cores this process may use (containers and CI restrict them)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def each(job: Callable[[Any], Any], items: Sequence[Any], describe: Callable[[Any], str] = str,
         workers: int | None = None) -> Iterator[Any]:
    """job(item) for each item, in order: in worker processes from PARALLEL_FROM items on when there is more
    than one core (or `workers` says how many), else one after the other here. `job` must pickle by name."""
    workers = workers or cores()
    if len(items) < PARALLEL_FROM or workers <= 1:
        return map(job, items)
    return _in_workers(job, items, workers, describe)


def _context() -> Any:
    import multiprocessing

    wanted = os.environ.get(START_METHOD) or None
    return multiprocessing.get_context(wanted if wanted in multiprocessing.get_all_start_methods() else None)


def _in_workers(job: Callable[[Any], Any], items: Sequence[Any], workers: int,
                describe: Callable[[Any], str]) -> Iterator[Any]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = _context()
    progress = context.RawArray("q", len(items))
    # Under forkserver a worker's parent is the fork server, which dies with this process: 0, not our pid.
    parent = 0 if context.get_start_method() == "forkserver" else os.getpid()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(progress, parent))
    chunks = iter(range(0, len(items), CHUNK))
    pending: deque[Future[list[Any]]] = deque()

    def submit() -> None:
        if (start := next(chunks, None)) is not None:
            with _born_deaf():  # the pool starts its workers inside submit, from this thread
                pending.append(pool.submit(_run_chunk, job, start, items[start:start + CHUNK]))

    processes: dict[int, Any] = {}
    try:
        try:
            for _ in range(2 * workers):  # in flight at most: results wait for the slowest, memory stays flat
                submit()
                processes.update(getattr(pool, "_processes", None) or {})  # for exit codes later
            while pending:
                results = pending.popleft().result()
                submit()
                yield from results
        except BrokenProcessPool:
            # The pool's own thread reaps its workers as it breaks: wait for it, so the exit codes read below are
            # the ones it noted (read while it was between reaping and noting, one came back None: issue 26).
            pool.shutdown(wait=True, cancel_futures=True)
            raise _died(processes, progress, items, describe) from None
    except BaseException:
        # Ctrl-C, a dead worker, or the consumer stopped early: no worker outlives the command.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(processes: dict[int, Any], progress: Any, items: Sequence[Any],
          describe: Callable[[Any], str]) -> PlantrackError:
    for process in processes.values():
        process.join(timeout=5)
    import signal

    # Killed from outside (exit code -9 for SIGKILL), not terminated by the pool as it shut down (-SIGTERM).
    dead = {pid for pid, p in processes.items() if p.exitcode not in (None, 0, -signal.SIGTERM)}
    busy = [i for i in range(len(items)) if progress[i] > 0 and (progress[i] in dead or not dead)]
    names = "、".join(describe(items[i]) for i in busy) or "?"
    codes = ", ".join(str(processes[pid].exitcode) for pid in sorted(dead)) or "?"
    return PlantrackError(
        f"处理 {names} 时工作进程意外退出（退出码 {codes}，可能是内存不足）；请用 plantrack check 单独检查它，或关闭其他程序后重试 / "
        f"a worker process died (exit code {codes}, out of memory?) while on {names}: check it alone with "
        "plantrack check, or close other programs and run again")


@contextlib.contextmanager
def _born_deaf() -> Iterator[None]:
    """While this thread may start workers: SIGINT blocked and set aside, so a worker is born deaf to it until
    its initializer has set it aside itself. A Ctrl-C reaches the whole process group; one that lands in a
    worker before then raised KeyboardInterrupt in multiprocessing's bootstrap ("Process ForkProcess-2:" and a
    traceback; tests/test_worker_birth.py). The mask is inherited across fork; across exec (spawn) only an
    ignored disposition is, hence both. The parent's own Ctrl-C is postponed, not lost: Linux keeps a blocked
    signal pending even while it is ignored, and it is delivered when the block ends. Windows has no signal
    masks; there a worker can still be interrupted while it starts (docs/reliability.md)."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if handler is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if handler is not None:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _worker_start(progress: Any, parent: int) -> None:
    import signal

    global _progress
    _progress = progress
    # Ctrl-C reaches the whole process group; only the parent answers it (cli/interrupt.py). Set aside first,
    # then unblocked (_born_deaf): one that came while the worker was starting is dropped, not raised.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the parent dies (SIGKILL, SIGTERM), so none is left waiting.
    Elsewhere (Windows, macOS) there is no prctl: nothing to do (on Windows `ctypes.CDLL(None)` itself fails)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _run_chunk(job: Callable[[Any], Any], start: int, items: Sequence[Any]) -> list[Any]:
    out = []
    pid = os.getpid()
    for i, item in enumerate(items, start):
        _progress[i] = pid
        out.append(job(item))
        _progress[i] = -1
    return out
