"""The engine's reason and exclusion codes, in words for managers (the engine returns data)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from binome.members import taxonomy
from binome.members.models import Format

register = template.Library()

EXCLUSIONS = {
    "same_person": gettext_lazy("the mentee themself"),
    "no_shared_language": gettext_lazy("no shared language"),
    "no_capacity": gettext_lazy("no free place"),
    "paused": gettext_lazy("paused"),
    "same_employer": gettext_lazy("same employer"),
    "seniority": gettext_lazy("seniority does not fit the kind of mentor asked"),
    "no_sector_expertise": gettext_lazy("no expertise in the target sector"),
    "forbidden": gettext_lazy("already asked for this request"),
    "past_pair": gettext_lazy("already paired before"),
    "conflict": gettext_lazy("declared conflict"),
    "no_common_format": gettext_lazy("no common meeting format"),
    "no_common_theme": gettext_lazy("no common theme"),
}


def _evidence_text(code: str, ev: dict[str, Any]) -> str:
    if code == "text_overlap":
        return _("words in common: %(words)s") % {"words": ", ".join(ev.get("words", []))}
    if code == "same_sector":
        sector = taxonomy.label("sector", ev["sector"])
        if ev.get("read_from") == "title":  # the mentor left it empty: read from their title
            return _("works in the sector aimed at (read from their job title): %(sector)s") % {
                "sector": sector
            }
        if ev.get("world") == "target":
            return _("works in the sector aimed at: %(sector)s") % {"sector": sector}
        return _("same sector: %(sector)s") % {"sector": sector}
    if code == "same_function":
        function = taxonomy.label("function", ev["function"])
        if ev.get("read_from") == "title":
            return _("does the job aimed at (read from their job title): %(function)s") % {
                "function": function
            }
        if ev.get("world") == "target":
            return _("does the job aimed at: %(function)s") % {"function": function}
        return _("same job function: %(function)s") % {"function": function}
    if code == "no_common_format":
        return _("warning: no meeting format you both accept (%(formats)s, %(city)s)") % {
            "formats": ", ".join(str(dict(Format.choices).get(f, f)) for f in ev.get("formats", []))
            or "—",
            "city": ev.get("city") or "—",
        }
    if code == "shared_themes":
        return _("shared themes: %(themes)s") % {"themes": ", ".join(ev.get("themes", []))}
    if code == "experience_gap":
        gap = int(ev.get("years_gap", 0))
        if gap >= 0:
            return _("%(years)s more years of experience") % {"years": gap}
        return _("%(years)s fewer years of experience") % {"years": -gap}
    if code == "shared_language":
        return _("speaks %(language)s") % {"language": taxonomy.label("language", ev["language"])}
    if code == "shared_skills":
        return _("shared skills: %(skills)s") % {"skills": ", ".join(ev.get("skills", []))}
    if code == "common_format":
        names = dict(Format.choices)
        return _("meets by %(formats)s") % {
            "formats": ", ".join(str(names.get(f, f)) for f in ev.get("formats", []))
        }
    if code == "proximity":
        if "country" in ev:
            country = taxonomy.label("country", ev["country"])
            if ev.get("world") == "target":
                return _("works in the country aimed at: %(country)s") % {"country": country}
            return _("same country: %(country)s") % {"country": country}
        hours = float(ev.get("hours_apart") or 0)
        if hours == 0:
            return _("same time zone")
        return _("%(hours)s hours apart") % {"hours": f"{hours:g}"}
    if code == "free_capacity":
        places = int(ev.get("places_left") or 0)
        return ngettext("%(places)s place left", "%(places)s places left", places) % {
            "places": places
        }
    if code == "responsiveness":
        return _("answers %(rate)s%% of invitations") % {
            "rate": round(100 * float(ev.get("response_rate", 0)))
        }
    return code


@register.simple_tag(takes_context=True)
def reason_words(context: template.Context, reason: dict[str, Any]) -> str:
    """One criterion in words with its points: "same sector: Énergie (+15)"; theme codes are
    shown as the network's labels, in the reader's language."""
    points = float(reason.get("points", 0))
    code = reason.get("code", "")
    evidence = dict(reason.get("evidence") or {})
    if "themes" in evidence:
        labels = _theme_labels(context)
        evidence["themes"] = [labels.get(c, c) for c in evidence["themes"]]
    text = _evidence_text(code, evidence) if evidence else str(REASONS.get(code, code))
    if code in WARNINGS:
        return text
    return f"{text} (+{points:.0f})"


REASONS = {
    "text_overlap": gettext_lazy("words in common"),
    "shared_themes": gettext_lazy("shared themes"),
    "common_format": gettext_lazy("a common meeting format"),
}


def _theme_labels(context: template.Context) -> dict[str, str]:
    """The network's theme labels by code, read once per page."""
    cache = context.render_context
    if "theme_labels" not in cache:
        from binome.programmes.models import Theme

        access = context.get("access")
        themes = Theme.objects.for_network(access.network) if access is not None else []
        cache["theme_labels"] = {t.code: str(t.label) for t in themes}
    return dict(cache["theme_labels"])


@register.filter
def has_points(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reasons that earn points, and the warnings a manager must see (no common format)."""
    return [
        reason
        for reason in reasons
        if float(reason.get("points", 0)) > 0 or reason.get("code") in WARNINGS
    ]


WARNINGS = frozenset({"no_common_format"})


@register.filter
def exclusion_text(code: str) -> str:
    return str(EXCLUSIONS.get(code, code))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def status_label(code: str) -> str:
    """A request status code in words ("shortlisting" → "Shortlist in preparation")."""
    from binome.intake.states import REQUEST_MACHINE

    return REQUEST_MACHINE.label(code) if code else ""


@register.filter
def taxonomy_label(code: str, kind: str) -> str:
    """A sector, function, language or country code in words, in the reader's language."""
    return taxonomy.label(kind, code) if code else ""
