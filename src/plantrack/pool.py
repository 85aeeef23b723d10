"""Run a function over many items in worker processes: results in order, memory flat, and no hang.

Why not multiprocessing.Pool: a worker killed by SIGKILL (what the OOM killer does) is replaced silently and
its task is lost, so `imap` waits forever (issue 13). concurrent.futures notices the death and fails every
pending future with BrokenProcessPool; here that becomes a PlantrackError naming the item the dead worker was
on, which each worker writes into shared memory before it starts the item.

Ctrl-C goes to the parent only: workers ignore SIGINT (no tracebacks from them), the parent kills them on its
way out, and on Linux each worker is also killed by the kernel if the parent dies without cleaning up.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from concurrent.futures import Future

# Per item: 0 not started, a worker's pid while that worker is on it, -1 once done. Created before the fork,
# so every worker shares it (a module global: fork copies the reference, the memory is shared).
_progress: Any = None
_parent = 0


def checked_in_workers(one: Callable[[Any], Any], items: Sequence[Any], workers: int, chunk: int,
                       describe: Callable[[Any], str] = str, spans: Sequence[range] | None = None,
                       around: Callable[[Sequence[Any]], AbstractContextManager[object]] | None = None,
                       ) -> Iterator[Any]:
    """one(item) for each item, in order, computed by `workers` forked processes `chunk` items at a time.

    `spans`: the chunks' ranges of items instead (consecutive, covering every item once), for a caller whose
    chunks must stay the same when items are added elsewhere (packs.py). `around(chunk's items)`: a context
    each chunk runs in, in its worker (a module-level function: it is pickled to the worker by name)."""
    global _progress, _parent
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _progress, _parent = context.RawArray("q", len(items)), os.getpid()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)
    if spans is None:
        spans = [range(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    chunks = iter(spans)
    pending: deque[Future[list[Any]]] = deque()

    def submit() -> None:
        if (span := next(chunks, None)) is not None:
            pending.append(pool.submit(_run_chunk, one, span.start, items[span.start:span.stop], around))

    processes: dict[int, Any] = {}
    try:
        try:
            for _ in range(2 * workers):  # in flight at most: results wait for the slowest, memory stays flat
                submit()
            processes = dict(pool._processes)  # with fork, every worker exists now (for exit codes later)
            while pending:
                results = pending.popleft().result()
                submit()
                yield from results
        except BrokenProcessPool:
            raise _died(processes, items, describe) from None
    except BaseException:
        # Ctrl-C, a dead worker, or the consumer stopped early: no worker outlives the command.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(processes: dict[int, Any], items: Sequence[Any], describe: Callable[[Any], str]) -> PlantrackError:
    for process in processes.values():
        process.join(timeout=5)
    import signal

    # Killed from outside (exit code -9 for SIGKILL), not terminated by the pool as it shut down (-SIGTERM).
    dead = {pid for pid, p in processes.items() if p.exitcode not in (None, 0, -signal.SIGTERM)}
    busy = [i for i in range(len(items)) if _progress[i] > 0 and (_progress[i] in dead or not dead)]
    names = "、".join(describe(items[i]) for i in busy) or "?"
    codes = ", ".join(str(processes[pid].exitcode) for pid in sorted(dead)) or "?"
    return PlantrackError(
        f"处理 {names} 时工作进程意外退出（退出码 {codes}，可能是内存不足）；请用 plantrack check 单独检查它，或关闭其他程序后重试 / "
        f"a worker process died (exit code {codes}, out of memory?) while on {names}: check it alone with "
        "plantrack check, or close other programs and run again")


def _worker_start() -> None:
    import signal

    # Ctrl-C reaches the whole process group; only the parent answers it (cli/interrupt.py).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies (SIGKILL, SIGTERM), so none is left waiting."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != _parent:  # the parent died before prctl took effect
        os._exit(1)


def _run_chunk(one: Callable[[Any], Any], start: int, items: Sequence[Any],
               around: Callable[[Sequence[Any]], AbstractContextManager[object]] | None = None) -> list[Any]:
    out = []
    pid = os.getpid()
    if items:  # a death while `around` reads or writes names the chunk's first item, not "?"
        _progress[start] = pid
    with nullcontext() if around is None else around(items):
        for i, item in enumerate(items, start):
            _progress[i] = pid
            out.append(one(item))
            _progress[i] = -1
    return out
