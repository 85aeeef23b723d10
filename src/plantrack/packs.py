"""The overview's cache of summaries in packs: one cache entry for a worker's chunk of plans, not one a plan.

Why (issue 19, item 6): a cold overview of 10,000 plans wrote 10,000 summary entries (cache.put_summary), each
a file created and renamed in one folder, and that made it slower than `check` over the same plans. A pack
holds the summaries of one chunk of plans (about 32): some 310 files for 10,000 plans, and a warm overview
opens one file a chunk instead of one a plan.

What a pack must never do is serve a summary for files it was not made from. So each plan in it keeps its
own digest of its two files (cache.files_digest), compared on every read: a plan whose files changed misses
alone, is judged again, and the pack is written anew at the end of its chunk with the new summary. The pack as
a whole is keyed by the plans directory, its chunk's plan ids, the as-of year and --fail-on, and the code
that made it (cache.read_entry: every guard of the plan cache, ownership and the restricted unpickler too).

Chunks that stay the same (`spans`): a pack is found by its chunk's plan ids, so chunks are cut where an id's
own hash says (`spans`), not every 32 positions. A town added or removed changes its own chunk
and no other; with fixed positions every chunk after it would change and the next overview would be half cold.
A chunk is also cut at LONGEST ids, so no worker is left holding a long one while the other waits.

Only the overview's parallel path (many.summaries, from PARALLEL_FROM plans on) uses packs. Fewer plans, one
chosen plan, or one core keep the entry of each plan (cache.get_summary), so that a run of ten plans does not
rewrite a pack of 32 for each change.
"""

from __future__ import annotations

from binascii import crc32
from typing import TYPE_CHECKING

from plantrack import cache

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from types import TracebackType

    from plantrack.summary import PlanSummary

# A chunk is SHORTEST ids, then ends at the first id whose CRC-32 is a multiple of EVERY (about EVERY ids
# later), or at LONGEST: 32 on average, check's CHUNK. Chunks of even length keep both workers busy: results are
# taken in order, so a worker that finished its short chunks waits while the other is on a long one.
SHORTEST, EVERY, LONGEST = 16, 16, 64


def spans(ids: Sequence[str]) -> list[range]:
    """The chunks of `ids` (sorted plan ids), cut where the ids' own hashes say (content-defined chunking):
    a change of one id moves the cut around it and, rarely, the next one, never all of those after it."""
    out: list[range] = []
    start = 0
    for i in range(1, len(ids)):
        size = i - start
        if size >= LONGEST or (size >= SHORTEST and crc32(ids[i].encode("utf-8", "surrogatepass")) % EVERY == 0):
            out.append(range(start, i))
            start = i
    if ids:
        out.append(range(start, len(ids)))
    return out


class Pack:
    """The cached summaries of one chunk's plans: read when the chunk starts, written when it ends if any
    summary in it was made anew or any plan in it missed. A context manager: `with Pack(...) as pack`."""

    def __init__(self, plans_dir: Path, ids: Sequence[str], key: object) -> None:
        self.key = key
        self.ids = tuple(ids)
        self.directory = cache.cache_dir()
        self.cached: dict[str, tuple[bytes, PlanSummary]] = {}
        self.kept: dict[str, tuple[bytes, PlanSummary]] = {}  # what the pack holds when the chunk ends
        self.digests: dict[str, bytes] = {}
        self.changed = False
        if self.directory is None:
            return
        self.where = _where(plans_dir)
        self.path = self.directory / (f"{plans_dir.name[:40]}-{crc32(self.where.encode('utf-8', 'surrogatepass')):08x}-"
                                      f"{crc32(chr(0).join(self.ids).encode('utf-8', 'surrogatepass')):08x}"
                                      + cache.summary_suffix(key).replace(".summary.", ".pack."))
        found = cache.read_entry(self.path, self.where, self.ids, key, cache.summary_code())
        if isinstance(found, dict):
            self.cached = found

    def get(self, plan_id: str, files: cache.Files) -> PlanSummary | None:
        """The summary of `plan_id` if the pack holds one made from exactly `files`."""
        from plantrack.summary import PlanSummary

        if self.directory is None:
            return None
        digest = self.digests[plan_id] = cache.files_digest(files)[0] or b""
        entry = self.cached.get(plan_id)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest and isinstance(entry[1], PlanSummary):
            self.kept[plan_id] = entry
            return entry[1]
        return None

    def put(self, plan_id: str, files: cache.Files, summary: PlanSummary) -> None:
        if self.directory is None:
            return
        digest = self.digests.get(plan_id) or cache.files_digest(files)[0] or b""
        self.kept[plan_id] = (digest, summary)
        self.changed = True

    def __enter__(self) -> Pack:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # Written only when the chunk ran to its end: a chunk cut short by an error keeps the pack it had.
        if kind is None and self.directory is not None and (self.changed or len(self.kept) != len(self.cached)):
            cache.write_entry(self.directory, self.path, self.where, self.ids, self.key, self.kept,
                              cache.summary_code())


def _where(plans_dir: Path) -> str:
    """The plans directory's resolved path, once per process (a stat per part of it)."""
    if (where := _resolved.get(plans_dir)) is None:
        where = _resolved[plans_dir] = str(plans_dir.resolve())
    return where


_resolved: dict[Path, str] = {}
