"""The likelihood's lines in `show` (issue 31): in its own module, since render/working.py takes the words of
render/likely.py and these lines are said through working.say."""

from __future__ import annotations

from plantrack.progress.likelihood import of
from plantrack.progress.result import IndicatorResult
from plantrack.render.likely import HEADER, chance_words
from plantrack.render.words import COLON
from plantrack.render.working import say
from plantrack.text import safe


def show_lines(result: IndicatorResult, lang: str) -> tuple[str, ...]:
    """`show`'s lines under the verdict: the likelihood in words, then its working (none at the final evaluation,
    where the outcome is known: the table's column is gone too)."""
    if result.final_evaluation:
        return ()
    likely = of(result)
    head, word = HEADER[lang], chance_words(likely.probability, lang)  # the table's 把握 column, in its words
    return (head + COLON[lang] + word,
            *(safe("  " + say(line, lang)) for line in likely.working))
