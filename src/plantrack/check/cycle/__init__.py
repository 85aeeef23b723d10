"""The plan cycle's rules, in one place of the check stage: the links between plans and a plan's life.

- `succession`: `[plan] previous`, successive plans (base-year figures read from the previous plan's actuals);
- `members`: `[plan] members` and `rollup = "sum"`, a district and its member plans;
- `closing`: `[plan] closed`, a finished plan (its final evaluation adopted);
- `lifecycle`: what `check` applies of all three to one plan (with the placeholders left from `init`), and what
  `record` and `import` refuse.

Each plan is loaded (and cached) on its own (check/load.py); the links are made on top, afresh on every command.
"""
