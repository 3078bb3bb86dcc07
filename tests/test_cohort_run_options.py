# ruff: noqa: F811  (pytest fixtures named as parameters)
"""A run's options: the objective (most pairs, fairness, total score, stable), the weight of each
criterion and theme quotas are stored with the run, kept by its re-runs, and previewed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binome.cohorts import options, selectors
from binome.cohorts.services import cohorts as cohort_services
from binome.cohorts.services import runs
from binome.cohorts.states import RunStatus
from binome.core.errors import DomainError
from binome.testing.cohorts import run_now
from tests.test_cohort_runs import cohort  # noqa: F401  (the fixture of the runs' tests)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cold_preview():
    options.clear_preview_cache()
    yield
    options.clear_preview_cache()


@pytest.mark.parametrize("mode", ["optimal", "fair", "total", "stable"])
def test_every_objective_runs_and_stores_its_options(world, cohort, mode):
    run = run_now(cohort, world.bob, mode=mode, weights={"text": 10})
    assert run.status == RunStatus.DONE, run.failure
    assert run.mode == mode and run.matched_count >= 1
    assert run.weights["text"] == 10 and run.weights["sector"] == options.engine_weights()["sector"]


def test_a_theme_quota_bounds_the_pairs_of_that_theme(world, cohort):
    quota = [{"theme": world.theme.code, "minimum": 0, "maximum": 1}]
    run = run_now(cohort, world.bob, quotas=quota)
    assert run.status == RunStatus.DONE, run.failure
    assert run.quotas == quota
    assert run.matched_count == 1  # every mentee asked for the theme
    assert {"quota_full"} <= {u.codes[0] for u in run.unmatched.all()}


def test_a_re_run_keeps_the_options_of_the_run_it_adjusts(world, cohort):
    quota = [{"theme": world.theme.code, "minimum": 0, "maximum": 2}]
    first = run_now(cohort, world.bob, mode="fair", weights={"proximity": 0}, quotas=quota)
    pair = first.pairs.first()
    second = runs.forbid_pair(run=first, manager=world.bob, mentee=pair.mentee, mentor=pair.mentor)
    assert (second.mode, second.weights, second.quotas) == ("fair", first.weights, quota)


@pytest.mark.parametrize(
    ("weights", "quotas", "code"),
    [
        ({"text": 101}, None, "weights"),
        ({"text": -1}, None, "weights"),
        ({"nonsense": 3}, None, "weights"),
        (dict.fromkeys(options.CRITERIA, 0), None, "weights"),
        (None, [{"theme": "x", "minimum": 3, "maximum": 2}], "quotas"),
    ],
)
def test_out_of_bounds_options_are_refused_in_words(world, cohort, weights, quotas, code):
    cohort_services.start_matching(cohort=cohort, actor=None)
    with pytest.raises(DomainError) as error:
        runs.launch_run(
            cohort=cohort, manager=world.bob, mode="optimal", weights=weights, quotas=quotas
        )
    assert error.value.code == code


def test_the_defaults_are_the_programmes_latest_weights(world, cohort):
    assert options.default_weights(cohort) == options.engine_weights()
    run_now(cohort, world.bob, weights={"text": 12})
    assert options.default_weights(cohort)["text"] == 12


def test_the_options_page_launches_a_run_with_weights_and_quotas(
    login,
    world,
    cohort,
    django_capture_on_commit_callbacks,
):
    cohort_services.start_matching(cohort=cohort, actor=None)
    client = login(world.bob)
    page = client.get(reverse("run_new", args=["ax", cohort.pk]))
    assert page.status_code == 200
    assert "Poids de chaque critère" in page.content.decode()
    data = {"options": "1", "mode": "total", "weight_text": "0", "weight_sector": "40"}
    data[f"quota_max_{world.theme.pk}"] = "2"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("run_launch", args=["ax", cohort.pk]), data)
    run = cohort.runs.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert run.mode == "total" and run.weights["text"] == 0 and run.weights["sector"] == 40
    assert run.quotas == [{"theme": world.theme.code, "minimum": 0, "maximum": 2}]
    detail = client.get(reverse("run_detail", args=["ax", cohort.pk, run.pk])).content.decode()
    assert "au plus 2" in detail or "de 0 à 2" in detail


def test_a_wrong_option_re_renders_the_options_page(login, world, cohort):
    cohort_services.start_matching(cohort=cohort, actor=None)
    client = login(world.bob)
    data = {"options": "1", "mode": "optimal", "weight_text": "500"}
    data[f"quota_min_{world.theme.pk}"] = "3"
    data[f"quota_max_{world.theme.pk}"] = "1"
    response = client.post(
        reverse("run_launch", args=["ax", cohort.pk]), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Poids de chaque critère" in body and "maximum est inférieur" in body
    assert not cohort.runs.exists()


def test_the_preview_shows_how_the_top_mentors_move(login, world, cohort):
    client = login(world.bob)
    url = reverse("run_preview", args=["ax", cohort.pk])
    same = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert world.dana.full_name in same and "<strong>" not in same  # nothing moved
    rows = options.preview(
        cohort,
        options.engine_weights(),
        {**dict.fromkeys(options.CRITERIA, 0), "capacity": 100},
    )
    assert len(rows) == 4 and all(len(row.after) == 2 for row in rows)
    # capacity alone: charlie (2 free places... of 3 offered) first for everyone
    assert {row.after[0].name for row in rows} == {row.after[0].name for row in rows[:1]}
    wrong = client.get(url, {"weight_text": "-4"}).content.decode()
    assert "Vérifiez les poids" in wrong


def test_the_preview_reads_in_a_bounded_number_of_queries(
    world,
    cohort,
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(20):
        options.preview(cohort, options.engine_weights(), options.engine_weights())


def test_two_runs_compare_side_by_side(login, world, cohort):
    first = run_now(cohort, world.bob)
    pair = first.pairs.order_by("pk").first()
    second = runs.forbid_pair(run=first, manager=world.bob, mentee=pair.mentee, mentor=pair.mentor)
    runs.execute_run(run_id=second.pk)
    second.refresh_from_db()
    comparison = selectors.compare(first, second)
    assert comparison.a.matched == first.matched_count and comparison.b.matched == 3
    assert comparison.kept + len(comparison.changed) + len(comparison.only_a) == 3
    assert pair.mentee_id in {row.mentee.pk for row in comparison.changed + comparison.only_a}
    assert comparison.a.worst == min(first.pairs.values_list("score", flat=True))
    client = login(world.bob)
    url = reverse("run_compare", args=["ax", cohort.pk])
    page = client.get(url).content.decode()  # by default: the latest against the one before
    assert "Comparer deux calculs" in page and "<svg" in page
    assert pair.mentee.member.full_name in page
    # a run of another cohort is not offered: the defaults are shown
    assert client.get(url, {"a": 999999, "b": second.pk}).status_code == 200
    same = client.get(url, {"a": second.pk, "b": second.pk}).content.decode()
    assert "deux calculs différents" in same


def test_the_review_draws_the_score_distribution(login, world, cohort):
    run = run_now(cohort, world.bob)
    page = login(world.bob).get(reverse("run_detail", args=["ax", cohort.pk, run.pk]))
    body = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and 'role="img"' in body
    assert "Répartition des scores" in body


def test_buckets_keep_empty_ones_between():
    from binome.cohorts.charts import buckets, histogram

    assert buckets([3, 25.5]) == [(0, 10, 1), (10, 20, 0), (20, 30, 1)]
    assert buckets([44, 61]) == [(40, 50, 1), (50, 60, 0), (60, 70, 1)]
    assert buckets([]) == [] and histogram("x", "t", [("", [])]) == ""
    svg = histogram("x", "<t>", [("a", buckets([3, 25.5]))])
    assert "&lt;t&gt;" in svg and svg.count("<rect") == 2


def test_hard_rules_are_chosen_per_run_and_kept_by_re_runs(world, cohort):
    run = run_now(cohort, world.bob, rules={"require_common_theme": True})
    assert run.status == RunStatus.DONE, run.failure
    charlie = cohort.applications.get(member=world.charlie)
    # only charlie offers the mentees' theme: his two places, no one else
    assert run.matched_count == 2 and {p.mentor_id for p in run.pairs.all()} == {charlie.pk}
    assert run.rules["require_common_theme"] is True and run.rules["enforce_seniority"] is True
    pair = run.pairs.first()
    again = runs.forbid_pair(run=run, manager=world.bob, mentee=pair.mentee, mentor=pair.mentor)
    assert again.rules == run.rules
    with pytest.raises(DomainError) as error:
        runs.launch_run(cohort=cohort, manager=world.bob, mode="optimal", rules={"x": True})
    assert error.value.code == "rules"


def test_the_quick_form_keeps_the_default_rules_and_the_page_can_untick_them(
    login, world, cohort, django_capture_on_commit_callbacks
):
    cohort_services.start_matching(cohort=cohort, actor=None)
    client = login(world.bob)
    url = reverse("run_launch", args=["ax", cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"mode": "optimal"})
    quick = cohort.runs.get()
    assert quick.rules == options.engine_rules()
    page = client.get(reverse("run_new", args=["ax", cohort.pk])).content.decode()
    assert "Règles strictes" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"options": "1", "mode": "optimal", "rule_enforce_seniority": "on"})
    chosen = cohort.runs.get(number=2)
    assert chosen.rules["enforce_seniority"] is True
    assert chosen.rules["require_shared_language"] is False


def test_the_preview_keeps_the_mentors_index_until_a_mentor_is_screened(world, cohort):
    from binome.cohorts.services import applications

    weights = options.engine_weights()
    first = options.preview(cohort, weights, weights)
    index = options._mentor_index(cohort)
    assert options._mentor_index(cohort) is index  # typed again: the same index
    second = cohort.applications.get(role="mentor", capacity=1)
    applications.screen_application(
        application=second, manager=world.bob, decision="refused", reason="Indisponible."
    )
    assert options._mentor_index(cohort) is not index
    after = options.preview(cohort, weights, weights)
    assert {r.name for row in after for r in row.after} < {
        r.name for row in first for r in row.after
    }
