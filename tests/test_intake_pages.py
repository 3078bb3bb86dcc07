"""The on-demand pages: who may open what (404 otherwise), and that each page works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binome.intake.services import intake, invitations, shortlist
from binome.programmes.models import StaffRole
from binome.testing import scenarios
from binome.testing.factories import MemberFactory, ProgrammeFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(world):
    """A request in the inviting step, with the personas around it."""
    request = scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="career_evolution",
        question="Changer de secteur vers l'énergie",
        themes=[world.theme],
    )
    intake.take_request(request=request, manager=world.bob)
    intake.save_intake_notes(request=request, manager=world.bob, notes="SENTINEL-NOTES")
    intake.decide(request=request, manager=world.bob, decision="go")
    entry = shortlist.add_to_shortlist(
        request=request, manager=world.bob, mentor=world.charlie, note="Elle connaît"
    )
    shortlist.publish_shortlist(request=request, manager=world.bob)
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=entry, message="Pensez-vous…"
    )
    other_manager = MemberFactory(network=world.network, user=UserFactory(email="olga@example.org"))
    grant(other_manager, StaffRole.Role.PROGRAMME_MANAGER, world.other_programme)
    grant(world.eve, StaffRole.Role.NETWORK_ADMIN)
    return {"request": request, "invitation": invitation, "olga": other_manager}


def urls(world, flow):
    r, _i = flow["request"], flow["invitation"]
    return {
        "mentee": [reverse("request_detail", args=["ax", r.pk])],
        "manager": [
            reverse("manage_request", args=["ax", r.pk]),
            reverse("intake_queue", args=["ax", world.programme.pk]),
        ],
        "mentor": [reverse("my_invitations", args=["ax"])],
    }


def test_the_mentee_sees_her_request_but_not_the_intake_notes(login, world, flow):
    body = (
        login(world.dana)
        .get(reverse("request_detail", args=["ax", flow["request"].pk]))
        .content.decode()
    )
    assert "Changer de secteur" in body
    assert "SENTINEL-NOTES" not in body


def test_the_manager_of_the_programme_sees_notes_and_the_dashboard(login, world, flow):
    client = login(world.bob)
    body = client.get(reverse("manage_request", args=["ax", flow["request"].pk])).content.decode()
    assert "SENTINEL-NOTES" in body
    board = client.get(reverse("intake_queue", args=["ax", world.programme.pk])).content.decode()
    assert "Dana Persona" in board
    assert "Charlie Persona" in board  # responsiveness table


@pytest.mark.parametrize("persona", ["dana", "charlie", "olga", "eve"])
def test_the_manager_pages_answer_404_to_everyone_else(login, world, flow, persona):
    member = flow["olga"] if persona == "olga" else getattr(world, persona)
    client = login(member)
    for url in urls(world, flow)["manager"]:
        assert client.get(url).status_code == 404, (persona, url)


@pytest.mark.parametrize("persona", ["bob", "charlie", "eve"])
def test_the_mentees_page_answers_404_to_others_even_staff(login, world, flow, persona):
    client = login(getattr(world, persona))
    assert client.get(urls(world, flow)["mentee"][0]).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, world, flow):
    for group in urls(world, flow).values():
        for url in group:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_mentor_sees_the_question_and_the_message_but_never_the_notes(login, world, flow):
    body = login(world.charlie).get(reverse("my_invitations", args=["ax"])).content.decode()
    assert "Changer de secteur" in body
    assert "Pensez-vous" in body
    assert "SENTINEL-NOTES" not in body


def test_another_mentor_cannot_answer_the_invitation(login, world, flow):
    intruder = MemberFactory(network=world.network)
    url = reverse("invitation_accept", args=["ax", flow["invitation"].pk])
    assert login(intruder).post(url, {"answer": "accept"}).status_code == 404


def test_the_one_click_link_asks_to_confirm_then_accepts_once(client, world, flow):
    from binome.intake.tokens import invitation_token

    url = reverse("invitation_respond", args=[invitation_token(flow["invitation"], "accept")])
    assert client.get(url).status_code == 200
    flow["invitation"].refresh_from_db()
    assert flow["invitation"].status == "pending"  # a GET (mail scanner) changes nothing
    client.post(url)
    flow["invitation"].refresh_from_db()
    assert flow["invitation"].status == "accepted"
    client.post(url)  # a second click changes nothing: one pair, still accepted
    flow["invitation"].refresh_from_db()
    assert flow["invitation"].status == "accepted"
    assert world.charlie.mentorships_as_mentor.filter(mentee=world.dana).count() == 1


def test_a_tampered_link_is_refused(client, world, flow):
    from binome.intake.tokens import invitation_token

    token = invitation_token(flow["invitation"], "accept")
    assert client.get(reverse("invitation_respond", args=[token[:-2] + "xx"])).status_code == 400


def test_the_shortlist_builder_shows_the_engines_suggestions_with_reasons(login, world):
    from binome.testing.factories import make_mentor

    solar = MemberFactory(
        network=world.network,
        first_name="Solène",
        sector="energy",
        employer="Soleil SAS",
        bio="Vingt ans dans le photovoltaïque et les start-up solaires.",
        class_year=1995,
        years_of_experience=25,
    )
    make_mentor(solar, themes=[world.theme])
    request = scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="career_evolution",
        question="Je veux travailler dans le photovoltaïque",
        themes=[world.theme],
    )
    intake.take_request(request=request, manager=world.bob)
    intake.decide(request=request, manager=world.bob, decision="go")
    body = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content.decode()
    assert "Solène" in body
    assert "words in common: photovoltaïque" in body or "mots en commun : photovoltaïque" in body
    # Shared themes are named by the network's labels, never by their codes.
    assert f"thématiques communes : {world.theme.label_fr}" in body
    assert world.theme.code not in body.split("Suggestions", 1)[1]
    response = login(world.bob).post(
        reverse("shortlist_add", args=["ax", request.pk]),
        {"mentor": solar.pk, "note": "Photovoltaïque"},
    )
    assert response.status_code == 302
    entry = request.shortlist.get()
    assert entry.engine_score and entry.engine_reasons


def test_an_admin_creates_a_pair_directly(login, world):
    response = login(world.alice).post(
        reverse("direct_pair", args=["ax", world.programme.pk]),
        {"mentor_email": "charlie@example.org", "mentee_email": "dana@example.org"},
    )
    assert response.status_code == 302
    assert world.charlie.mentorships_as_mentor.filter(mentee=world.dana).exists()
    assert (
        login(world.bob).get(reverse("direct_pair", args=["ax", world.programme.pk])).status_code
        == 404
    )


def test_a_member_asks_for_help_through_the_form(login, world):
    client = login(world.dana)
    response = client.post(
        reverse("request_new", args=["ax", world.programme.pk]),
        {
            "situation": "well_being",
            "question": "Épuisé",
            "style": "classic",
            "formats": ["video"],
            "languages": ["fr"],
            "submit": "1",
        },
    )
    assert response.status_code == 200
    assert "santé" in response.content.decode()
    response = client.post(
        reverse("request_new", args=["ax", world.programme.pk]),
        {
            "situation": "well_being",
            "question": "Épuisé",
            "style": "classic",
            "formats": ["video"],
            "languages": ["fr"],
            "sensitive_consent": "on",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    assert world.dana.requests.get().status == "submitted"


def test_a_manager_of_another_programme_cannot_act_on_the_request(login, world, flow):
    url = reverse("shortlist_publish", args=["ax", flow["request"].pk])
    assert login(flow["olga"]).post(url).status_code == 404


def test_programmes_of_another_kind_take_no_request(login, world):
    cohort = ProgrammeFactory(network=world.network, kind="cohort")
    assert login(world.dana).get(reverse("request_new", args=["ax", cohort.pk])).status_code == 404


PERSONAS = ["dana", "charlie", "bob", "alice", "olga", "eve", "anonymous"]
# (url name, method, args builder, personas answered 200/302 — everyone else 404, anonymous 302)
MATRIX = [
    ("my_requests", "get", lambda w, f: ["ax"], {"dana", "charlie", "bob", "alice", "olga"}),
    (
        "request_new",
        "get",
        lambda w, f: ["ax", w.programme.pk],
        {"dana", "charlie", "bob", "alice", "olga"},
    ),
    ("request_detail", "get", lambda w, f: ["ax", f["request"].pk], {"dana"}),
    ("request_withdraw", "post", lambda w, f: ["ax", f["request"].pk], {"dana"}),
    ("request_other_names", "post", lambda w, f: ["ax", f["request"].pk], {"dana"}),
    ("my_invitations", "get", lambda w, f: ["ax"], {"dana", "charlie", "bob", "alice", "olga"}),
    ("invitation_decline", "post", lambda w, f: ["ax", f["invitation"].pk], {"charlie"}),
    ("intake_queue", "get", lambda w, f: ["ax", w.programme.pk], {"bob", "alice"}),
    ("manage_request", "get", lambda w, f: ["ax", f["request"].pk], {"bob", "alice"}),
    ("request_take", "post", lambda w, f: ["ax", f["request"].pk], {"bob", "alice"}),
    ("shortlist_publish", "post", lambda w, f: ["ax", f["request"].pk], {"bob", "alice"}),
    ("direct_pair", "get", lambda w, f: ["ax", w.programme.pk], {"alice"}),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method", "args", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_the_permission_matrix_of_the_flow(
    client, login, world, flow, persona, name, method, args, allowed
):
    if persona != "anonymous":
        member = flow["olga"] if persona == "olga" else getattr(world, persona)
        login(member)
    url = reverse(name, args=args(world, flow))
    response = getattr(client, method)(
        url, {"action": "", "answer": ""} if method == "post" else None
    )
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif persona in allowed:
        assert response.status_code in (200, 302, 422)
        assert "/accounts/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 404


def test_a_network_admin_who_does_not_manage_the_programme_does_not_read_intake_notes(
    login, world, flow
):
    body = (
        login(world.alice)
        .get(reverse("manage_request", args=["ax", flow["request"].pk]))
        .content.decode()
    )
    assert "SENTINEL-NOTES" not in body
    response = login(world.alice).post(
        reverse("request_notes", args=["ax", flow["request"].pk]), {"notes": "x"}
    )
    assert response.status_code == 404
    from binome.intake.models import IntakeInterview

    assert IntakeInterview.objects.get(request=flow["request"]).notes == "SENTINEL-NOTES"


def test_opening_a_sensitive_request_is_audited(login, world):
    from binome.core.models import AuditEvent

    request = scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="well_being",
        question="Épuisement",
        consent=True,
    )
    login(world.bob).get(reverse("manage_request", args=["ax", request.pk]))
    assert (
        AuditEvent.objects.filter(action="request.sensitive.read", actor=world.bob.user).count()
        == 1
    )


def test_the_manager_narrows_suggestions_to_mentors_sharing_a_theme(login, world):
    from binome.testing.factories import ThemeFactory, make_mentor

    other_theme = ThemeFactory(network=world.network, code="abroad")
    for name, theme in (("Thea", world.theme), ("Otto", other_theme)):
        mentor = MemberFactory(
            network=world.network,
            first_name=name,
            employer=f"{name} SA",
            years_of_experience=25,
            class_year=1990,
        )
        make_mentor(mentor, themes=[theme])
    request = scenarios.submitted_request(
        mentee=world.dana, programme=world.programme, themes=[world.theme]
    )
    intake.take_request(request=request, manager=world.bob)
    intake.decide(request=request, manager=world.bob, decision="go")
    url = reverse("manage_request", args=["ax", request.pk])
    everyone = login(world.bob).get(url).content.decode()
    assert "Thea" in everyone and "Otto" in everyone
    narrowed = login(world.bob).get(url, {"theme": "1"}).content.decode()
    suggestions = narrowed.split("Écartés, et pourquoi")[0]
    assert "Thea" in suggestions and "Otto" not in suggestions


def test_a_mentor_the_mentee_cannot_meet_is_left_out_unless_the_manager_asks(login, world):
    from binome.members.models import MentorOffer
    from binome.testing.factories import make_mentor

    for name, formats in (("Thea", ["video"]), ("Otto", ["phone"])):
        mentor = MemberFactory(
            network=world.network,
            first_name=name,
            employer=f"{name} SA",
            years_of_experience=25,
            class_year=1990,
        )
        make_mentor(mentor, themes=[world.theme])
        MentorOffer.objects.filter(member=mentor).update(formats=formats)
    request = scenarios.submitted_request(
        mentee=world.dana, programme=world.programme, themes=[world.theme], formats=["video"]
    )
    intake.take_request(request=request, manager=world.bob)
    intake.decide(request=request, manager=world.bob, decision="go")
    url = reverse("manage_request", args=["ax", request.pk])
    page = login(world.bob).get(url).content.decode()
    suggestions = page.split("Écartés, et pourquoi")[0]
    assert "Thea" in suggestions and "Otto" not in suggestions
    everyone = login(world.bob).get(url, {"any_format": "1"}).content.decode()
    assert "Otto" in everyone.split("Écartés, et pourquoi")[0]


def test_the_network_home_shows_what_waits_for_each_persona(login, world, flow):
    mentor_home = login(world.charlie).get(reverse("network_home", args=["ax"])).content.decode()
    assert reverse("my_invitations", args=["ax"]) in mentor_home
    mentee_home = login(world.dana).get(reverse("network_home", args=["ax"])).content.decode()
    assert reverse("request_detail", args=["ax", flow["request"].pk]) in mentee_home
