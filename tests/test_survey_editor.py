"""The survey template editor: a programme's team changes its surveys; surveys already sent keep
the version they were sent with, built-in questions stay, answers never change meaning."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binome.core.access import Access
from binome.core.models import AuditEvent
from binome.insights.kpis import network_kpis, period_of
from binome.mentorships.services import charter, create_mentorship
from binome.programmes.services import publish_charter
from binome.surveys import editing, services
from binome.surveys.editing import QuestionData
from binome.surveys.models import Answer, Moment, Question, SurveyResponse, SurveyTemplate
from binome.surveys.selectors import answers_for_staff
from binome.surveys.tokens import answer_token
from binome.surveys.waves import run_waves
from tests.test_surveys import hold_meeting

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


@pytest.fixture
def templates(world):
    services.install_default_templates(programme=world.programme)
    return {t.moment: t for t in SurveyTemplate.objects.filter(programme=world.programme)}


def first(templates) -> SurveyTemplate:
    return templates[Moment.FIRST_MEETING]


def data_of(question: Question, **changes) -> QuestionData:
    values = {
        "kind": question.kind,
        "text_fr": question.text_fr,
        "text_en": question.text_en,
        "audience": question.audience,
        "visibility": question.visibility,
        "is_required": question.is_required,
        "choices": tuple((fr, en) for _v, fr, en in question.choices),
    }
    values.update(changes)
    return QuestionData(**values)


def url(name: str, world, *args) -> str:
    return reverse(name, args=[world.network.slug, *args])


def test_the_manager_lists_the_programme_surveys_made_from_the_defaults(login, world, templates):
    page = login(world.bob).get(url("survey_templates", world, world.programme.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Votre première séance") < text.index("Bilan de votre mentorat")


def test_a_programme_without_surveys_starts_from_its_kind_defaults(login, world):
    client = login(world.bob)
    assert (
        "Partir des enquêtes par défaut"
        in client.get(url("survey_templates", world, world.programme.pk)).content.decode()
    )
    done = client.post(url("survey_defaults", world, world.programme.pk))
    assert done.status_code == 302
    assert SurveyTemplate.objects.filter(programme=world.programme).count() == 3


def test_a_question_of_a_survey_never_sent_changes_in_place(world, templates):
    question = first(templates).current_questions().get(code="first_useful")
    changed = editing.change_question(
        template=first(templates),
        question=question,
        actor=world.bob.user,
        data=data_of(question, text_fr="Utile ?", kind="nps"),
    )
    assert changed.pk == question.pk
    assert (changed.text_fr, changed.kind, changed.since_version) == ("Utile ?", "nps", 1)
    assert SurveyTemplate.objects.get(pk=first(templates).pk).version == 1


def test_a_change_after_surveys_went_out_opens_a_version_and_answers_keep_theirs(
    client, world, pair, templates
):
    hold_meeting(pair, world)
    run_waves()
    dana = SurveyResponse.objects.get(respondent=world.dana)
    services.save_answers(response=dana, data={"fit": "good", "first_useful": 2})
    old = first(templates).current_questions().get(code="first_useful")
    new = editing.change_question(
        template=first(templates),
        question=old,
        actor=world.bob.user,
        data=data_of(old, kind="nps", text_fr="Recommanderiez-vous cette séance ? (0 à 10)"),
    )
    old.refresh_from_db()
    assert (old.until_version, new.since_version, new.code) == (2, 2, "first_useful")
    answer = Answer.objects.get(response=dana, question__code="first_useful")
    assert (answer.question_id, answer.question.kind, answer.number) == (old.pk, "scale", 2)
    # The mentor, sent version 1, still answers version 1's question.
    charlie = SurveyResponse.objects.get(respondent=world.charlie)
    page = client.get(reverse("survey_answer", args=[answer_token(charlie)])).content.decode()
    assert "Cette première séance vous a-t-elle été utile" in page
    assert "Recommanderiez-vous cette séance" not in page
    assert [q.pk for q in services.questions_for(charlie) if q.code == "first_useful"] == [old.pk]
    assert AuditEvent.objects.filter(action="survey.question.changed").count() == 1


def test_the_next_surveys_go_out_with_the_new_version(world, pair, templates):
    end = templates[Moment.END]
    another = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.alice, actor=None
    )
    SurveyResponse.objects.create(  # an end survey already sent, to another pair
        network=world.network,
        programme=world.programme,
        wave_id=_wave(world).pk,
        template=end,
        mentorship=another,
        respondent=world.alice,
        role="mentee",
        moment=Moment.END,
        sent_at=pair.created_at,
        expires_at=pair.created_at,
    )
    editing.add_question(
        template=end,
        actor=world.bob.user,
        data=QuestionData(
            kind="multiple",
            text_fr="Qu’avez-vous travaillé ?",
            text_en="What did you work on?",
            audience="mentee",
            visibility="aggregate",
            is_required=False,
            choices=(("Le CV", "The CV"), ("Le réseau", "Networking")),
        ),
    )
    from binome.mentorships.services import lifecycle

    lifecycle.close_pair(mentorship=pair, actor=world.dana, completed=True, reason="goals_reached")
    run_waves()
    mentee = SurveyResponse.objects.get(respondent=world.dana, moment=Moment.END)
    assert mentee.template_version == 2
    codes = [q.code for q in services.questions_for(mentee)]
    assert "question-10" in codes
    added = Question.objects.get(template=end, kind="multiple")
    assert added.choices == [["le-cv", "Le CV", "The CV"], ["le-reseau", "Le réseau", "Networking"]]


def _wave(world):
    from binome.surveys.models import Wave

    return Wave.objects.create(
        network=world.network, programme=world.programme, moment=Moment.END, opened_on="2026-01-01"
    )


def test_built_in_questions_cannot_be_removed_and_the_page_says_why(login, world, templates):
    end = templates[Moment.END]
    recommend = end.current_questions().get(code="recommend")
    client = login(world.bob)
    page = client.get(url("survey_template", world, end.pk)).content.decode()
    assert "intégrée : chiffres clés" in page
    assert url("survey_question_remove", world, end.pk, recommend.pk) not in page
    refused = client.post(url("survey_question_remove", world, end.pk, recommend.pk))
    assert refused.status_code == 200
    assert "intégrée" in refused.content.decode()
    assert end.current_questions().filter(code="recommend").exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"kind": "scale"}, "built_in"),
        ({"visibility": "pair"}, "built_in"),
        ({"choices": (("Oui", "Yes"), ("Non", "No"))}, "built_in"),
    ],
)
def test_a_built_in_question_keeps_its_kind_choices_and_counting(world, templates, change, code):
    question = templates[Moment.END].current_questions().get(code="would_mentor")
    with pytest.raises(editing.DomainError) as refusal:
        editing.change_question(
            template=templates[Moment.END],
            question=question,
            actor=None,
            data=data_of(question, **change),
        )
    assert refusal.value.code == code


def test_a_built_in_question_is_reworded_and_its_answers_still_count(world, pair, templates):
    end = templates[Moment.END]
    question = end.current_questions().get(code="would_mentor")
    reworded = (("Oui, avec plaisir", "Yes, gladly"), ("Peut-être", "Maybe"), ("Non", "No"))
    changed = editing.change_question(
        template=end, question=question, actor=None, data=data_of(question, choices=reworded)
    )
    assert [c[0] for c in changed.choices] == ["yes", "maybe", "no"]
    assert changed.choices[0][1] == "Oui, avec plaisir"


def test_kpis_count_the_answers_of_every_version(world, pair, templates):
    end = templates[Moment.END]
    wave = _wave(world)
    people = [world.alice, world.bob, world.charlie, world.dana, world.eve]

    def answer(member, mark):
        response = SurveyResponse.objects.create(
            network=world.network,
            programme=world.programme,
            wave=wave,
            template=end,
            template_version=end.version,
            mentorship=pair,
            respondent=member,
            role="mentor",
            moment=Moment.END,
            sent_at=pair.created_at,
            expires_at=pair.created_at,
        )
        services.save_answers(response=response, data={"satisfaction": mark})

    for member in people[:3]:
        answer(member, 5)
    question = end.current_questions().get(code="satisfaction")
    editing.change_question(
        template=end, question=question, actor=None, data=data_of(question, text_fr="Satisfait ?")
    )
    end.refresh_from_db()
    for member in people[3:]:
        answer(member, 3)
    kpis = network_kpis(world.network, period_of(""), world.programme)
    assert kpis.total.satisfaction.value == pytest.approx((5 * 3 + 3 * 2) / 5, abs=0.05)
    assert Question.objects.filter(template=end, code="satisfaction").count() == 2


def test_answers_given_for_the_pair_only_stay_so_when_the_question_opens_to_staff(
    world, pair, templates
):
    hold_meeting(pair, world)
    run_waves()
    dana = SurveyResponse.objects.get(respondent=world.dana)
    services.save_answers(
        response=dana, data={"fit": "good", "first_word_to_pair": "Merci pour tout"}
    )
    word = first(templates).current_questions().get(code="first_word_to_pair")
    editing.change_question(
        template=first(templates), question=word, actor=None, data=data_of(word, visibility="staff")
    )
    read = answers_for_staff(Access(network=world.network, member=world.bob), pair)
    assert "Merci pour tout" not in str([a.value for r in read for a in r.answers])


def test_questions_are_added_reordered_and_removed_from_the_page(login, world, templates):
    template = first(templates)
    client = login(world.bob)
    added = client.post(
        url("survey_question_add", world, template.pk),
        {
            "kind": "single",
            "text_fr": "Le format vous convient-il ?",
            "text_en": "Does the format suit you?",
            "choices": "Oui | Yes\nNon | No",
            "audience": "mentee",
            "visibility": "aggregate",
        },
    )
    assert added.status_code == 302
    question = template.current_questions().get(text_en="Does the format suit you?")
    assert question.position == 4 and question.audience == "mentee"
    client.post(url("survey_question_move", world, template.pk, question.pk), {"direction": "up"})
    order = list(template.current_questions().order_by("position").values_list("code", flat=True))
    assert order.index(question.code) == 3
    client.post(url("survey_question_remove", world, template.pk, question.pk))
    assert not Question.objects.filter(pk=question.pk).exists()  # never sent: simply gone


def test_a_choice_question_needs_two_choices_in_both_languages_and_nothing_typed_is_lost(
    login, world, templates
):
    page = login(world.bob).post(
        url("survey_question_add", world, first(templates).pk),
        {
            "kind": "multiple",
            "text_fr": "Quels sujets ?",
            "text_en": "Which topics?",
            "choices": "Le CV",
            "audience": "both",
            "visibility": "aggregate",
        },
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Quels sujets ?" in text and "Oui | Yes" in text  # the hint; the typed text is kept
    assert not Question.objects.filter(text_en="Which topics?").exists()


def test_two_surveys_cannot_share_a_moment(world, templates):
    with pytest.raises(editing.DomainError) as refusal:
        editing.save_template_settings(
            template=templates[Moment.MID_TERM],
            actor=None,
            title_fr="Point",
            title_en="Check-in",
            moment=Moment.END,
            delay_days=2,
            is_active=True,
        )
    assert refusal.value.code == "moment_taken"


def test_a_paused_survey_is_not_sent(world, pair, templates):
    template = first(templates)
    editing.save_template_settings(
        template=template,
        actor=None,
        title_fr=template.title_fr,
        title_en=template.title_en,
        moment=template.moment,
        delay_days=2,
        is_active=False,
    )
    hold_meeting(pair, world)
    assert run_waves()["sent"] == 0
