"""A run's proposal as a file for the committee: CSV (UTF-8, or semicolons for Excel) or XLSX.

One row per proposed pair (scores and reasons in words), then one per mentee left without a
mentor (with why); cells that a spreadsheet would run as formulas are quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from django.template import Context
from django.utils.translation import gettext as _

from binome.cohorts import words
from binome.cohorts.models import Application, Cohort, MatchingRun, Question, Role
from binome.intake.templatetags.engine import has_points, reason_words
from binome.members.exports import safe_cell


def _questions(run: MatchingRun) -> tuple[list[Question], list[Question]]:
    """The cohort's own questions, mentees' then mentors' (their answers are columns)."""
    questions = list(run.cohort.questions.all())
    return (
        [q for q in questions if q.role == Role.MENTEE],
        [q for q in questions if q.role == Role.MENTOR],
    )


def _header(run: MatchingRun) -> list[str]:
    mentee_questions, mentor_questions = _questions(run)
    return [
        _("Mentee"),
        _("Mentee's email"),
        _("Mentor"),
        _("Mentor's email"),
        _("Score"),
        _("Pinned"),
        _("Why"),
        *(_("Mentee: %(question)s") % {"question": q.label} for q in mentee_questions),
        *(_("Mentor: %(question)s") % {"question": q.label} for q in mentor_questions),
    ]


def _answers(questions: list[Question], application: Application | None) -> list[str]:
    answers = application.answers if application is not None else {}
    return [q.answer_words(answers.get(str(q.pk))) for q in questions]


def _rows(run: MatchingRun) -> Iterator[list[str]]:
    mentee_questions, mentor_questions = _questions(run)
    context = Context({"access": SimpleNamespace(network=run.network)})
    pairs = run.pairs.select_related("mentee__member__user", "mentor__member__user").order_by(
        "-score", "pk"
    )
    for pair in pairs.iterator(chunk_size=2000):
        why = "; ".join(reason_words(context, r) for r in has_points(pair.reasons))
        if pair.codes:
            why = f"{_('breaks:')} {words.broken_rules(pair.codes)}; {why}"
        yield [
            safe_cell(v)
            for v in (
                pair.mentee.member.full_name,
                pair.mentee.member.user.email,
                pair.mentor.member.full_name,
                pair.mentor.member.user.email,
                f"{pair.score:.1f}",
                _("yes") if pair.is_pinned else "",
                why,
                *_answers(mentee_questions, pair.mentee),
                *_answers(mentor_questions, pair.mentor),
            )
        ]
    for item in run.unmatched.select_related("mentee__member__user").iterator(chunk_size=2000):
        yield [
            safe_cell(v)
            for v in (
                item.mentee.member.full_name,
                item.mentee.member.user.email,
                "",
                "",
                "",
                "",
                words.unmatched_words(list(item.codes), dict(item.evidence)),
                *_answers(mentee_questions, item.mentee),
                *_answers(mentor_questions, None),
            )
        ]


def export_csv(run: MatchingRun, *, delimiter: str = ",") -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer.writerow(_header(run))
    for row in _rows(run):
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_xlsx(run: MatchingRun) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(_("Proposal"))
    sheet.append(_header(run))
    for row in _rows(run):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def applications_csv(cohort: Cohort, role: str, *, delimiter: str = ",") -> Iterator[str]:
    """The applications of one role with every answer, the cohort's own questions included:
    what the committee screens from."""
    questions = list(cohort.questions.filter(role=role))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("State"),
            _("Themes"),
            _("Meeting formats"),
            _("Languages"),
            _("Mentees at once") if role == Role.MENTOR else _("Kind of mentor"),
            _("In their own words"),
            _("Availability"),
            *(q.label for q in questions),
        ]
    )
    rows = (
        Application.objects.filter(cohort=cohort, role=role)
        .select_related("member__user")
        .prefetch_related("themes")
        .order_by("member__last_name", "member__first_name", "pk")
    )
    for application in rows.iterator(chunk_size=2000):
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    application.member.full_name,
                    application.member.user.email,
                    str(application.get_status_display()),
                    ", ".join(t.label for t in application.themes.all()),
                    ", ".join(application.format_labels()),
                    ", ".join(application.languages),
                    str(application.capacity)
                    if role == Role.MENTOR
                    else str(application.get_style_display()),
                    application.text,
                    application.availability,
                    *(q.answer_words(application.answers.get(str(q.pk))) for q in questions),
                )
            ]
        )
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
