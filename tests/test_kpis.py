"""Network KPIs: the seeds' measures per programme and across, groups under five suppressed,
charts as inline SVG with their table, CSV/XLSX export, the yearly report; bounded queries."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from binome.insights.charts import horizontal_bars
from binome.insights.kpis import network_kpis, period_of
from binome.mentorships.models import Meeting, Mentorship
from binome.mentorships.services import charter, create_mentorship, lifecycle
from binome.mentorships.states import MeetingStatus
from binome.programmes.services import publish_charter
from binome.surveys.models import SurveyResponse
from binome.surveys.services import save_answers
from binome.surveys.waves import run_waves
from binome.testing.factories import MemberFactory, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_pairs(world):
    """Six pairs closed this year: four held the six recommended meetings; every mentee rated
    satisfaction 4 and said "yes" to mentoring in turn; two mentees are now listed mentors."""
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    pairs = []
    for number in range(6):
        mentor = make_mentor(MemberFactory(network=world.network), themes=[world.theme])
        mentee = MemberFactory(network=world.network, class_year=2015 + number % 2)
        pair = create_mentorship(
            programme=world.programme, mentor=mentor, mentee=mentee, actor=None
        )
        charter.sign_charter(mentorship=pair, member=mentor)
        charter.sign_charter(mentorship=pair, member=mentee)
        if number < 4:
            Meeting.objects.bulk_create(
                Meeting(
                    mentorship=pair,
                    starts_at=timezone.now() - datetime.timedelta(weeks=10 - n),
                    format="phone",
                    status=MeetingStatus.HELD,
                )
                for n in range(6)
            )
        lifecycle.close_pair(mentorship=pair, actor=mentee, completed=True, reason="goals_reached")
        if number < 2:
            make_mentor(mentee, themes=[world.theme])
        pairs.append(pair)
    run_waves()
    for response in SurveyResponse.objects.filter(role="mentee"):
        save_answers(
            response=response,
            data={
                "next_step_before": 2,
                "next_step_after": 4,
                "satisfaction": 4,
                "recommend": 10,
                "goals_reached": "yes",
                "would_mentor": "yes",
                "word_to_pair": "PAIR-ONLY-WORDS",
            },
        )
    return pairs


def test_the_seeds_measures_over_the_last_twelve_months(world, ended_pairs):
    kpis = network_kpis(world.network, period_of(""))
    row = next(r for r in kpis.rows if r.programme == world.programme)
    assert (row.pairs_started, row.pairs_ended) == (6, 6)
    assert row.retention.value == round(100 * 4 / 6)
    assert row.satisfaction.value == 4
    assert (row.before.value, row.after.value) == (2, 4)
    assert row.nps.value == 100
    assert row.goals.value == 100 and row.would_mentor.value == 100
    assert row.conversion.value == round(100 * 2 / 6)
    assert row.surveys.value == 50  # the mentees answered, the mentors not yet
    assert kpis.total.pairs_started == 6


def test_groups_under_five_people_are_suppressed(world, ended_pairs):
    SurveyResponse.objects.filter(role="mentee").exclude(
        pk__in=SurveyResponse.objects.filter(role="mentee").values("pk")[:4]
    ).delete()
    row = network_kpis(world.network, period_of("")).total
    assert row.satisfaction.value is None  # four answers
    assert row.nps.value is None
    assert row.retention.value is not None  # six pairs


def test_mentor_renewal_compares_with_the_previous_period(world, ended_pairs):
    year_ago = timezone.now() - datetime.timedelta(days=400)
    Mentorship.objects.filter(pk__in=[p.pk for p in ended_pairs]).update(created_at=year_ago)
    for pair in ended_pairs[:5]:  # five mentors come back this year
        again = create_mentorship(
            programme=world.programme,
            mentor=pair.mentor,
            mentee=MemberFactory(network=world.network),
            actor=None,
        )
        assert again.pk
    row = network_kpis(world.network, period_of("")).total
    assert (row.renewal.part, row.renewal.whole) == (5, 6)
    assert row.renewal.value == 83


def test_the_kpi_page_draws_charts_beside_their_tables(login, world, ended_pairs):
    page = login(world.alice).get(reverse("network_kpis", args=["ax"]))
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('role="img"') == 5
    assert "PAIR-ONLY-WORDS" not in body
    assert "<script" not in body.split("<main", 1)[1]
    filtered = login(world.alice).get(
        reverse("network_kpis", args=["ax"]),
        {"programme": world.other_programme.pk, "period": str(timezone.now().year)},
    )
    assert filtered.status_code == 200


def test_a_chart_escapes_its_labels_and_names_suppressed_bars():
    svg = horizontal_bars("x", "Title <b>", [("<script>", 3), ("small", None)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "moins de 5" in svg or "fewer than 5" in svg


def test_exports_carry_the_table_and_no_words(login, world, ended_pairs):
    client = login(world.alice)
    csv = client.get(reverse("kpi_export", args=["ax", "csv"])).content.decode("utf-8-sig")
    assert world.programme.name in csv and "PAIR-ONLY-WORDS" not in csv
    xlsx = client.get(reverse("kpi_export", args=["ax", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row == 4  # the header, two programmes and the total
    assert client.get(reverse("kpi_export", args=["ax", "pdf"])).status_code == 404


def test_the_yearly_impact_report_prints(login, world, ended_pairs):
    year = timezone.now().year
    report = login(world.alice).get(reverse("impact_report", args=["ax", year]))
    body = report.content.decode()
    assert report.status_code == 200
    assert "2 → 4" in body  # a clearer next step, before → after
    assert login(world.bob).get(reverse("impact_report", args=["ax", year])).status_code == 404


def test_the_kpis_read_in_a_bounded_number_of_queries(
    world, ended_pairs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        network_kpis(world.network, period_of(""))
    for _n in range(6):
        mentor = make_mentor(MemberFactory(network=world.network), themes=[world.theme])
        create_mentorship(
            programme=world.other_programme,
            mentor=mentor,
            mentee=MemberFactory(network=world.network),
            actor=None,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        network_kpis(world.network, period_of(""))
