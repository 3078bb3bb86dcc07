"""Surveys: default templates per programme kind, waves sent by the worker with signed answer
links in each member's language, reminders, answering twice, "not a good fit" and re-match."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from binome.mentorships.models import Flag, Meeting
from binome.mentorships.services import charter, create_mentorship, lifecycle, meetings
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.surveys import services
from binome.surveys.models import Answer, Moment, SurveyResponse, SurveyTemplate, Wave
from binome.surveys.tokens import SALT, answer_token
from binome.surveys.waves import REMIND_AFTER, run_waves
from binome.testing.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    pair.refresh_from_db()
    return pair


def hold_meeting(pair, world, *, days_ago=1):
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=world.dana,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=world.charlie)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    meeting.refresh_from_db()
    meetings.record_outcome(meeting=meeting, member=world.dana, held=True)
    return meeting


def link_in(message: OutboxMessage, path: str = "/surveys/") -> str:
    return re.findall(rf"https?://\S+{path}\S+", message.body_text)[0]


def survey_mail(member) -> OutboxMessage:
    return OutboxMessage.objects.get(to=member.user.email, body_text__contains="/surveys/")


def token_of(url: str) -> str:
    return url.rstrip("/").split("/surveys/")[1].split("/")[0]


def test_each_programme_kind_gets_its_default_surveys_in_both_languages(world):
    flash = ProgrammeFactory(network=world.network, slug="flash", kind="flash")
    run_waves()
    long_moments = set(
        SurveyTemplate.objects.filter(programme=world.programme).values_list("moment", flat=True)
    )
    assert long_moments == {Moment.FIRST_MEETING, Moment.MID_TERM, Moment.END}
    assert list(
        SurveyTemplate.objects.filter(programme=flash).values_list("moment", flat=True)
    ) == [Moment.FLASH]
    end = SurveyTemplate.objects.get(programme=world.programme, moment=Moment.END)
    codes = set(end.questions.values_list("code", flat=True))
    assert {"next_step_before", "next_step_after", "goals_reached", "recommend"} <= codes
    assert {"would_mentor", "mentor_again"} <= codes
    assert {q.kind for q in end.questions.all()} >= {"scale", "single", "text", "nps"}
    assert all(q.text_fr and q.text_en for q in end.questions.all())
    assert run_waves()["templates"] == 0  # installed once; the team's edits are kept


def test_the_first_meeting_survey_goes_to_both_in_their_language_once(world, pair):
    world.charlie.user.language = "en"
    world.charlie.user.save()
    hold_meeting(pair, world)
    OutboxMessage.objects.all().delete()
    assert run_waves()["sent"] == 2
    assert run_waves()["sent"] == 0
    to_mentor = OutboxMessage.objects.get(to=world.charlie.user.email)
    to_mentee = OutboxMessage.objects.get(to=world.dana.user.email)
    assert "Your first meeting" in to_mentor.subject
    assert "Votre première séance" in to_mentee.subject
    assert "not a good fit" in to_mentor.body_text
    wave = Wave.objects.get(moment=Moment.FIRST_MEETING)
    assert wave.responses.count() == 2


def test_the_link_opens_the_form_without_login_and_answering_twice_updates(client, world, pair):
    hold_meeting(pair, world)
    run_waves()
    url = link_in(survey_mail(world.dana))
    page = client.get(url)
    assert page.status_code == 200
    assert "bon binôme" in page.content.decode()
    response = SurveyResponse.objects.get(respondent=world.dana)
    client.post(url, {"fit": "good", "first_useful": "4", "first_comment": "Très bien"})
    client.post(url, {"fit": "unsure", "first_useful": "3", "first_comment": ""})
    response.refresh_from_db()
    assert response.answered_at is not None
    answers = {a.question.code: a for a in Answer.objects.filter(response=response)}
    assert set(answers) == {"fit", "first_useful"}  # the emptied comment is gone
    assert (answers["fit"].choice, answers["first_useful"].number) == ("unsure", 3)
    assert "unsure" in client.get(url).content.decode()  # the earlier answers are shown


def test_a_required_question_left_empty_is_refused_and_nothing_is_lost(client, world, pair):
    hold_meeting(pair, world)
    run_waves()
    url = link_in(survey_mail(world.dana))
    page = client.post(url, {"first_comment": "Mon mot"})
    assert page.status_code == 200
    assert "Mon mot" in page.content.decode()
    assert not Answer.objects.exists()


def test_a_forged_or_expired_link_answers_400(client, world, pair):
    hold_meeting(pair, world)
    run_waves()
    response = SurveyResponse.objects.get(respondent=world.dana)
    forged = signing.dumps({"r": response.pk}, salt="another")
    assert client.get(reverse("survey_answer", args=[forged])).status_code == 400
    SurveyResponse.objects.filter(pk=response.pk).update(expires_at=timezone.now())
    url = reverse("survey_answer", args=[answer_token(response)])
    assert client.get(url).status_code == 400
    assert signing.loads(answer_token(response), salt=SALT)["r"] == response.pk


def test_not_a_good_fit_tells_the_manager_without_the_words_and_offers_a_rematch(
    client, world, pair
):
    hold_meeting(pair, world)
    run_waves()
    message = survey_mail(world.dana)
    one_click = re.findall(r"https?://\S+/surveys/\S+", message.body_text)
    not_good = one_click[1]
    assert 'value="not_good" checked' in client.get(not_good).content.decode().replace(
        " required", ""
    ).replace(' id="id_fit_2"', "")
    OutboxMessage.objects.all().delete()
    done = client.post(not_good, {"fit": "not_good", "first_comment": "Pas d’atomes crochus"})
    assert "another mentor" in done.content.decode() or "autre mentor" in done.content.decode()
    assert Flag.objects.filter(mentorship=pair, kind=Flag.Kind.MISMATCH).exists()
    to_manager = OutboxMessage.objects.get(to=world.bob.user.email)
    assert "atomes" not in to_manager.body_text
    rematch = client.post(reverse("survey_rematch", args=[token_of(not_good)]))
    assert rematch.status_code == 200
    assert Flag.objects.filter(mentorship=pair, kind=Flag.Kind.REMATCH_ASKED).exists()
    assert SurveyResponse.objects.get(respondent=world.dana).rematch_asked_at is not None


def test_only_the_mentee_who_said_not_a_good_fit_can_ask_for_a_rematch(client, world, pair):
    hold_meeting(pair, world)
    run_waves()
    mentor_response = SurveyResponse.objects.get(respondent=world.charlie)
    services.save_answers(response=mentor_response, data={"fit": "not_good"})
    url = reverse("survey_rematch", args=[answer_token(mentor_response)])
    assert client.post(url).status_code == 400
    assert not Flag.objects.filter(kind=Flag.Kind.REMATCH_ASKED).exists()


def test_one_reminder_after_five_days_then_none(world, pair):
    hold_meeting(pair, world)
    run_waves()
    later = timezone.now() + REMIND_AFTER + datetime.timedelta(minutes=1)
    services.save_answers(
        response=SurveyResponse.objects.get(respondent=world.charlie), data={"fit": "good"}
    )
    OutboxMessage.objects.all().delete()
    assert run_waves(now=later)["reminded"] == 1
    assert run_waves(now=later)["reminded"] == 0
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [world.dana.user.email]


def test_mid_term_and_end_surveys_come_when_due(world, pair):
    run_waves()
    pair.started_at = timezone.now() - datetime.timedelta(days=95)
    pair.save(update_fields=["started_at"])
    assert run_waves()["sent"] == 2
    assert SurveyResponse.objects.filter(moment=Moment.MID_TERM).count() == 2
    lifecycle.close_pair(mentorship=pair, actor=world.dana, completed=True, reason="goals_reached")
    run_waves()
    ends = SurveyResponse.objects.filter(moment=Moment.END)
    assert sorted(ends.values_list("role", flat=True)) == ["mentee", "mentor"]


def test_the_end_survey_asks_each_role_its_own_questions(client, world, pair):
    lifecycle.close_pair(mentorship=pair, actor=world.dana, completed=True, reason="goals_reached")
    run_waves()
    mentee = SurveyResponse.objects.get(respondent=world.dana, moment=Moment.END)
    mentor = SurveyResponse.objects.get(respondent=world.charlie, moment=Moment.END)
    mentee_page = client.get(reverse("survey_answer", args=[answer_token(mentee)]))
    mentor_page = client.get(reverse("survey_answer", args=[answer_token(mentor)]))
    assert 'name="next_step_before"' in mentee_page.content.decode()
    assert 'name="next_step_before"' not in mentor_page.content.decode()
    assert 'name="mentor_again"' in mentor_page.content.decode()


def test_the_manager_re_matches_a_pair_said_not_to_fit_and_it_ends_as_a_mismatch(world, pair):
    hold_meeting(pair, world)
    run_waves()
    response = SurveyResponse.objects.get(respondent=world.dana)
    response = services.save_answers(response=response, data={"fit": "not_good"})
    services.ask_for_rematch(response=response)
    lifecycle.end_for_rematch(mentorship=pair, manager=world.bob)
    pair.refresh_from_db()
    assert (pair.status, pair.end_reason) == ("ended_early", "mismatch")
