"""How precisely a share is shown beside its standing: never so rounded that it contradicts it.

A measure at 94.6% of what was due is *behind* (`measures.standing`: within 5% is on track), and
"95%" beside "Behind" reads as a mistake. The rule, written once: the fewest decimals (none,
most of the time) at which the rounded share falls in the same standing as the exact one.
"""

from __future__ import annotations

from kpop_explorer.i18n import Translator
from kpop_explorer.measures import standing

MAX_DIGITS = 2  # 94.99% is as close to a band's edge as a card needs to say


def standing_digits(attainment: float | None) -> int:
    """The decimals of a percentage that keep `attainment`'s standing: 0 for 0.84 (84%,
    behind), 1 for 0.946 (94.6%, behind: 95% would read on track), 1 for 1.046 (104.6%)."""
    if attainment is None or attainment != attainment:
        return 0
    exact = standing(attainment)
    for digits in range(MAX_DIGITS):
        if standing(round(attainment, digits + 2)) == exact:
            return digits
    return MAX_DIGITS


def attainment_text(attainment: float | None, t: Translator) -> str:
    """A share of what was due in the page's language, as precise as its standing needs."""
    return t.percent(attainment, standing_digits(attainment))
