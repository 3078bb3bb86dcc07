"""Signed one-click links for check-ins: one meeting, one member, one answer; no login needed."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from binome.members.models import Member
from binome.mentorships.models import CheckIn, Meeting

SALT = "binome.mentorships.check_in"
MAX_AGE_SECONDS = 60 * 60 * 24 * 30


def check_in_token(meeting: Meeting, member: Member, answer: str) -> str:
    return signing.dumps({"m": meeting.pk, "p": member.pk, "a": answer}, salt=SALT, compress=True)


def check_in_links(meeting: Meeting, member: Member) -> dict[str, str]:
    base = settings.BINOME_BASE_URL.rstrip("/")
    return {
        answer: base + reverse("check_in", args=[check_in_token(meeting, member, answer)])
        for answer in CheckIn.Answer.values
    }


def read_check_in_token(token: str) -> tuple[Meeting, Member, str] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") not in CheckIn.Answer.values:
        return None
    if not isinstance(data.get("m"), int) or not isinstance(data.get("p"), int):
        return None
    meeting = Meeting.objects.select_related("mentorship").filter(pk=data["m"]).first()
    if meeting is None or data.get("p") not in meeting.mentorship.member_ids():
        return None
    member = Member.objects.get(pk=data["p"])
    return meeting, member, data["a"]
