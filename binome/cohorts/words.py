"""The engine's cohort codes in words for managers (the engine returns codes and data)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binome.intake.templatetags.engine import EXCLUSIONS

UNMATCHED = {
    "no_eligible_mentor": gettext_lazy("no mentor fits the rules"),
    "all_fitting_mentors_full": gettext_lazy("every fitting mentor is full"),
    "quota_full": gettext_lazy("the theme's quota is full"),
    "below_fairness_threshold": gettext_lazy("every free fitting mentor would score too low"),
    "lower_total": gettext_lazy("pairing them would lower the total"),
}
PHASES = {
    "loading": gettext_lazy("Reading the applications"),
    "solving": gettext_lazy("The engine is matching"),
    "storing": gettext_lazy("Saving the proposal"),
}


def unmatched_words(codes: list[str], evidence: dict[str, Any]) -> str:
    """ "no mentor fits the rules: same employer (2), seniority (1)"."""
    if not codes:
        return ""
    head = str(UNMATCHED.get(codes[0], codes[0]))
    if codes[0] == "no_eligible_mentor":
        rules = [f"{EXCLUSIONS.get(code, code)} ({evidence.get(code, 0)})" for code in codes[1:]]
        return f"{head}: {', '.join(rules)}" if rules else head
    if codes[0] == "all_fitting_mentors_full":
        return _("%(why)s (%(count)s fitting)") % {
            "why": head,
            "count": evidence.get("fitting_mentors", 0),
        }
    return head


def broken_rules(codes: list[str]) -> str:
    return ", ".join(str(EXCLUSIONS.get(code, code)) for code in codes)
