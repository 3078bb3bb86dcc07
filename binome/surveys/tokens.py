"""Signed answer links: one response, no login; the link expires with the response.

A link may carry a preset for the first question (the email's "good fit / not a good fit"
buttons); the page still asks to confirm, since mail scanners open links.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from binome.surveys.models import SurveyResponse

SALT = "binome.surveys.answer"
MAX_AGE_SECONDS = 60 * 60 * 24 * 60  # the signature's own limit; each response expires earlier


def answer_token(response: SurveyResponse, preset: str = "") -> str:
    data: dict[str, object] = {"r": response.pk}
    if preset:
        data["f"] = preset
    return signing.dumps(data, salt=SALT, compress=True)


def answer_link(response: SurveyResponse, preset: str = "") -> str:
    base = settings.BINOME_BASE_URL.rstrip("/")
    return base + reverse("survey_answer", args=[answer_token(response, preset)])


def read_answer_token(token: str) -> tuple[SurveyResponse, str] | None:
    """The response a link stands for and its preset, or None (forged, old, or expired)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    preset = data.get("f", "")
    response = (
        SurveyResponse.objects.select_related(
            "template",
            "mentorship",
            "flash_exchange",
            "respondent__user",
            "network",
            "programme",
        )
        .filter(pk=data["r"])
        .first()
    )
    if response is None or response.expires_at <= timezone.now():
        return None
    return response, preset if isinstance(preset, str) else ""
