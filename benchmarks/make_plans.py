"""Generate N synthetic plans for benchmarking `plantrack check` (14-30 indicators, 10 years of actuals each).

    python benchmarks/make_plans.py OUT_DIR [N]

Deterministic (seeded), valid by construction: `plantrack check OUT_DIR` must pass.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

KINDS = [("annual_rate", "%", "万元"), ("cumulative", "亿元", None), ("cumulative", "家", None),
         ("level", "%", None), ("total_change", "%", None)]


def plan_files(n: int, rng: random.Random) -> tuple[str, str]:
    plan_id = f"town-{n:05d}-14th"
    lines = ["[plan]", f'id = "{plan_id}"', f'name = "示例{n}镇「十四五」规划"', 'region = "示例省"',
             "start = 2021", "end = 2025", "base_year = 2020", ""]
    actuals = []
    for no in range(1, rng.randint(14, 30) + 1):
        kind, unit, value_unit = KINDS[no % len(KINDS)]
        ind = f"indicator-{no:02d}"
        direction = "decrease" if kind == "total_change" else "increase"
        target = {"annual_rate": 6, "cumulative": 150 if unit == "亿元" else 50, "level": 80, "total_change": 13.5}[kind]
        lines += ["[[indicators]]", f'id = "{ind}"', f"no = {no}", f'name = "指标{no}"', f'kind = "{kind}"',
                  f'direction = "{direction}"', f'unit = "{unit}"', f"target = {target}"]
        if value_unit:
            lines.append(f'value_unit = "{value_unit}"')
        lines.append("")
        level = rng.randint(40_000, 900_000)
        for year in range(2016, 2026):
            actuals.append(f"[{ind}.{year}]")
            if kind == "annual_rate":
                level = int(level * rng.uniform(0.97, 1.12))
                actuals.append(f"value = {level}")
            elif kind == "total_change":
                actuals.append(f"rate = {rng.randint(5, 45) / 10}")
            elif kind == "level":
                actuals.append(f"value = {rng.randint(500, 900) / 10}")
            else:
                actuals.append(f"value = {rng.randint(1, 40) if unit == '亿元' else rng.randint(0, 15)}")
            actuals += ['source = "示例统计公报"', "recorded_at = 2026-03-01T10:00:00+08:00", ""]
    return "\n".join(lines), "\n".join(actuals)


def main(out: Path, count: int) -> None:
    rng = random.Random(20261123)
    for n in range(count):
        plan_text, actuals_text = plan_files(n, rng)
        folder = out / f"town-{n:05d}-14th"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.toml").write_text(plan_text, encoding="utf-8")
        (folder / "actuals.toml").write_text(actuals_text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
