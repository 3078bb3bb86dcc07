"""Programme health for managers: pairs by state with reasons and one click to act, timings,
theme balance with the shortfall ahead, survey response rates — in a bounded number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from binome.insights import balance, health
from binome.insights.models import HealthAction
from binome.intake.models import MentoringRequest
from binome.mentorships.models import Flag, Meeting, Mentorship
from binome.mentorships.services import charter, create_mentorship, flags, meetings
from binome.notifications.models import OutboxMessage
from binome.programmes.services import publish_charter
from binome.surveys.models import SurveyResponse
from binome.surveys.services import save_answers
from binome.surveys.waves import run_waves
from binome.testing import scenarios
from binome.testing.factories import MemberFactory, make_mentor

pytestmark = pytest.mark.django_db


def live_pair(world, mentor=None, mentee=None, *, weeks_ago=0):
    mentor = mentor or make_mentor(MemberFactory(network=world.network), themes=[world.theme])
    mentee = mentee or MemberFactory(network=world.network)
    pair = create_mentorship(programme=world.programme, mentor=mentor, mentee=mentee, actor=None)
    charter.sign_charter(mentorship=pair, member=mentor)
    charter.sign_charter(mentorship=pair, member=mentee)
    if weeks_ago:
        started = timezone.now() - datetime.timedelta(weeks=weeks_ago)
        Mentorship.objects.filter(pk=pair.pk).update(started_at=started, created_at=started)
    pair.refresh_from_db()
    return pair


def held(pair, *, days_ago):
    meeting = meetings.propose_meeting(
        mentorship=pair,
        member=pair.mentee,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        duration_minutes=60,
        format="phone",
    )
    meetings.confirm_meeting(meeting=meeting, member=pair.mentor)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    meeting.refresh_from_db()
    meetings.record_outcome(meeting=meeting, member=pair.mentee, held=True)


@pytest.fixture
def charter_published(world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")


def states(world):
    return {row.pair_id: row for row in health.programme_health(world.programme)}


def test_each_live_pair_gets_its_state_and_reason(world, charter_published):
    on_track = live_pair(world, weeks_ago=2)
    held(on_track, days_ago=3)
    flagged = live_pair(world)
    flags.flag_referral(mentorship=flagged, mentor=flagged.mentor)
    stalled = live_pair(world, weeks_ago=12)
    held(stalled, days_ago=70)
    quiet = live_pair(world, weeks_ago=7)
    held(quiet, days_ago=40)
    rows = states(world)
    assert rows[on_track.pk].state == "on_track"
    assert rows[flagged.pk].state == "flagged"
    assert rows[flagged.pk].reasons == [str(Flag.Kind.REFERRAL.label)]
    assert rows[stalled.pk].state == "stalled"
    assert rows[quiet.pk].state == "check_in"
    assert rows[quiet.pk].reasons == [str(health.REASONS["silent"])]
    assert next(r.state for r in health.programme_health(world.programme)) == "flagged"


def test_answers_for_the_team_count_and_answers_for_totals_do_not(world, charter_published):
    unsure = live_pair(world, weeks_ago=1)
    held(unsure, days_ago=2)
    low = live_pair(world, weeks_ago=1)
    held(low, days_ago=2)
    run_waves()
    save_answers(
        response=SurveyResponse.objects.get(mentorship=unsure, role="mentee"),
        data={"fit": "unsure"},
    )
    # "first_useful" is read in totals only: a low mark must not single the pair out.
    save_answers(
        response=SurveyResponse.objects.get(mentorship=low, role="mentee"),
        data={"fit": "good", "first_useful": 1},
    )
    rows = states(world)
    assert rows[unsure.pk].state == "check_in"
    assert rows[unsure.pk].reasons == [str(health.REASONS["fit_unsure"])]
    assert rows[low.pk].state == "on_track"


def test_the_manager_asks_a_quiet_pair_for_news_once_a_week(login, world, charter_published):
    world.charlie.user.language = "en"
    world.charlie.user.save()
    quiet = live_pair(world, mentor=world.charlie, mentee=world.dana, weeks_ago=7)
    held(quiet, days_ago=40)
    client = login(world.bob)
    url = reverse("pair_ask_news", args=["ax", quiet.pk])
    OutboxMessage.objects.all().delete()
    assert client.post(url).status_code == 302
    subjects = dict(OutboxMessage.objects.values_list("to", "subject"))
    assert subjects == {
        world.charlie.user.email: "How is your mentoring going?",
        world.dana.user.email: "Comment se passe votre mentorat ?",
    }
    again = client.post(url)
    assert again.status_code == 200
    assert "cette semaine" in again.content.decode()
    assert HealthAction.objects.filter(mentorship=quiet).count() == 1
    page = client.get(reverse("programme_health", args=["ax", world.programme.pk]))
    assert "nouvelles demandées le" in page.content.decode()


def test_theme_balance_sets_open_demand_against_free_places_and_the_trend(world):
    # charlie offers the theme; three open requests on it.
    for _n in range(3):
        scenarios.submitted_request(
            mentee=MemberFactory(network=world.network),
            programme=world.programme,
            themes=[world.theme],
        )
    world.programme.themes.add(world.theme)
    # Three a month for the last six months: about nine more in the next three.
    now = timezone.now()
    for months_ago in range(1, 7):
        for _n in range(3):
            request = scenarios.submitted_request(
                mentee=MemberFactory(network=world.network),
                programme=world.programme,
                themes=[world.theme],
            )
            MentoringRequest.objects.filter(pk=request.pk).update(
                submitted_at=now - datetime.timedelta(days=30 * months_ago + 1),
                status="withdrawn",
            )
    [row] = balance.theme_balance(world.programme)
    places = world.charlie.mentor_offer.capacity
    assert (row.open_demand, row.free_places, row.mentors) == (3, places, 1)
    assert sum(row.monthly) >= 15 and row.projected > 6
    assert row.shortfall == round(3 + row.projected - places)


def test_mentor_response_rates_and_first_meeting_delay(world, charter_published):
    from binome.insights.timings import programme_timings

    pair = live_pair(world)
    Mentorship.objects.filter(pk=pair.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    held(pair, days_ago=4)
    timings = programme_timings(world.programme)
    assert timings.median_days_to_first_meeting == pytest.approx(6, abs=0.2)
    assert timings.pairs_met == 1


def test_a_meeting_typed_in_before_the_pair_existed_is_no_negative_delay(world, charter_published):
    from binome.insights.timings import programme_timings

    pair = live_pair(world)
    held(pair, days_ago=40)  # the pair was created today: history entered afterwards
    timings = programme_timings(world.programme)
    assert (timings.median_days_to_first_meeting, timings.pairs_met) == (None, 0)


def test_the_health_page_reads_in_a_bounded_number_of_queries(
    login, world, charter_published, django_assert_max_num_queries
):
    client = login(world.bob)
    url = reverse("programme_health", args=["ax", world.programme.pk])
    world.programme.themes.add(world.theme)
    for n in range(3):
        pair = live_pair(world, weeks_ago=n + 1)
        held(pair, days_ago=n + 2)
    run_waves()
    with django_assert_max_num_queries(32) as few:  # the page and its trends, then cached
        assert client.get(url).status_code == 200
    for n in range(9):
        pair = live_pair(world, weeks_ago=n + 2)
        held(pair, days_ago=n + 3)
        flags.raise_flag(mentorship=pair, kind=Flag.Kind.SILENT)
    run_waves()
    cache.clear()  # the trends computed again, over four times the pairs
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_another_programmes_manager_and_members_get_404(login, world):
    url = reverse("programme_health", args=["ax", world.programme.pk])
    assert login(world.dana).get(url).status_code == 404
    assert login(world.alice).get(url).status_code == 200
    other = reverse("programme_health", args=["ax", world.other_programme.pk])
    assert login(world.bob).get(other).status_code == 404


def test_the_worker_keeps_the_trends_fresh_ahead_of_the_managers(world):
    from binome.core.scheduler import periodic_jobs
    from binome.insights.trends import programme_trends, refresh_trends

    assert "refresh_programme_trends" in {job.func.__name__ for job in periodic_jobs()}
    cache.clear()
    assert refresh_trends() == 2  # both open programmes of the network
    assert refresh_trends() == 0  # still fresh
    computed = programme_trends(world.programme)["trends_at"]
    assert programme_trends(world.programme)["trends_at"] == computed
