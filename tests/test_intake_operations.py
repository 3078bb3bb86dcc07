"""The request pages' operations: one URL each, and a refusal keeps what the person typed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from binome.intake.models import IntakeInterview, MentorInvitation
from binome.intake.services import intake, invitations, shortlist
from binome.members.services import save_mentor_offer
from binome.testing import scenarios
from binome.testing.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_intake(world):
    request = scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="career_evolution",
        question="Changer de secteur",
        themes=[world.theme],
    )
    intake.take_request(request=request, manager=world.bob)
    intake.save_intake_notes(request=request, manager=world.bob, notes="Premières notes")
    return request


def test_it_keeps_intake_notes_that_are_too_long_and_says_why(login, world):
    request = in_intake(world)
    too_long = "Entretien. " + "x" * 20_000
    response = login(world.bob).post(
        reverse("request_notes", args=["ax", request.pk]), {"notes": too_long}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert too_long in html  # what the manager typed is still there
    assert "20000" in html.replace("\u202f", "").replace(" ", "")  # the limit is stated
    assert "Notes enregistrées" not in html
    assert IntakeInterview.objects.get(request=request).notes == "Premières notes"


def test_an_htmx_refusal_answers_422_with_the_bound_form(login, world):
    request = in_intake(world)
    response = login(world.bob).post(
        reverse("request_schedule", args=["ax", request.pk]),
        {"scheduled_at": "demain matin", "duration_minutes": "5"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert 'value="demain matin"' in response.content.decode()


def test_a_decision_without_the_message_keeps_the_choice(login, world):
    request = in_intake(world)
    response = login(world.bob).post(
        reverse("request_decide", args=["ax", request.pk]),
        {"decision": "refer", "referral": "coach", "message": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input[^>]*value="refer"[^>]*checked', html)
    request.refresh_from_db()
    assert request.status == "in_intake"


def test_network_admins_are_offered_as_interview_participants(login, world):
    request = in_intake(world)
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    assert f'name="participants" value="{world.alice.pk}"' in html.decode()


def ranked_to(world, *mentors):
    request, entries = scenarios.published_shortlist(
        manager=world.bob,
        mentors=mentors,
        rank=False,
        mentee=world.dana,
        programme=world.programme,
        question="Changer de secteur",
        themes=[world.theme],
    )
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[e.pk for e in entries])
    return request, entries


def second_mentor(world):
    member = MemberFactory(
        network=world.network, user=UserFactory(email="frank@example.org"), first_name="Frank"
    )
    save_mentor_offer(
        member=member, themes=[world.theme], capacity=1, formats=["video"], consent=True
    )
    return member


def test_the_shortlist_shows_who_declined_and_why_and_no_longer_offers_to_invite_them(login, world):
    frank = second_mentor(world)
    request, (f_entry, c_entry) = ranked_to(world, frank, world.charlie)
    first = invitations.invite_mentor(
        request=request, manager=world.bob, entry=f_entry, message="Bonjour Frank"
    )
    invitations.decline_invitation(invitation=first, mentor=frank, reason="SENTINEL-RAISON")
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    html = html.decode()
    assert "SENTINEL-RAISON" in html
    assert "Refusée le" in html or "A décliné le" in html or "Déclinée le" in html
    assert reverse("invitation_send", args=["ax", request.pk, f_entry.pk]) not in html
    # Charlie was invited next: waiting for an answer, so nobody else can be invited now.
    assert "en attente" in html.lower()
    assert reverse("invitation_send", args=["ax", request.pk, c_entry.pk]) not in html


def test_an_invitation_without_a_message_keeps_the_form_open_on_its_entry(login, world):
    request, (entry,) = ranked_to(world, world.charlie)
    response = login(world.bob).post(
        reverse("invitation_send", args=["ax", request.pk, entry.pk]), {f"i{entry.pk}-message": ""}
    )
    assert response.status_code == 200
    assert "<details open>" in response.content.decode()
    assert not MentorInvitation.objects.filter(request=request).exists()


def test_the_mentee_sees_their_ranking_after_saving_it(login, world):
    frank = second_mentor(world)
    request, (f_entry, c_entry) = scenarios.published_shortlist(
        manager=world.bob,
        mentors=[frank, world.charlie],
        rank=False,
        mentee=world.dana,
        programme=world.programme,
        question="Changer de secteur",
        themes=[world.theme],
    )
    client = login(world.dana)
    response = client.post(
        reverse("request_rank", args=["ax", request.pk]),
        {f"rank_{f_entry.pk}": "2", f"rank_{c_entry.pk}": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert re.search(rf'name="rank_{c_entry.pk}"[^>]*>.*?<option value="1" selected', html, re.S)
    assert re.search(rf'name="rank_{f_entry.pk}"[^>]*>.*?<option value="2" selected', html, re.S)


def test_a_mentee_who_gives_two_mentors_the_same_rank_keeps_the_choices(login, world):
    frank = second_mentor(world)
    request, (f_entry, c_entry) = scenarios.published_shortlist(
        manager=world.bob,
        mentors=[frank, world.charlie],
        rank=False,
        mentee=world.dana,
        programme=world.programme,
        question="Changer de secteur",
        themes=[world.theme],
    )
    response = login(world.dana).post(
        reverse("request_rank", args=["ax", request.pk]),
        {f"rank_{f_entry.pk}": "1", f"rank_{c_entry.pk}": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert html.count('<option value="1" selected') == 2


def test_a_request_says_where_the_mentee_wants_to_go_and_the_engine_scores_it(login, world):
    from binome.intake import suggestions
    from binome.intake.models import MentoringRequest

    response = login(world.dana).post(
        reverse("request_new", args=["ax", world.programme.pk]),
        {
            "situation": "career_evolution",
            "question": "Consultante, je veux rejoindre une start-up de l'énergie.",
            "style": "classic",
            "formats": ["video"],
            "languages": ["fr"],
            "target_sector": "energy",
            "target_function": "general_management",
            "target_organisation": "startup",
            "target_country": "FR",
            "target_city": "Lyon",
            "submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    request = MentoringRequest.objects.get(mentee=world.dana)
    assert (request.target_sector, request.target_city) == ("energy", "Lyon")
    engine_request = suggestions.mentee_request(request)
    assert engine_request.target_sector == "energy"
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    assert "Start-up" in html.decode() and "Lyon" in html.decode()


def test_suggestions_name_the_target_world_and_claim_no_responsiveness_without_data(login, world):
    from binome.intake.models import MentoringRequest
    from binome.intake.services import requests as request_services
    from binome.testing.factories import make_mentor

    world.dana.sector, world.dana.employer = "consulting", "Cabinet Conseil"
    world.dana.save()
    energy = MemberFactory(
        network=world.network,
        first_name="Solène",
        sector="energy",
        position_title="Directrice d'une start-up solaire",
        employer="Photon SAS",
        bio="J'ai quitté le conseil pour fonder une start-up dans le solaire.",
        class_year=1995,
        years_of_experience=25,
    )
    make_mentor(energy, themes=[world.theme])
    request = MentoringRequest.objects.create(
        network=world.network,
        programme=world.programme,
        mentee=world.dana,
        situation="entrepreneurship",
        question="Consultante, je veux créer une start-up dans l'énergie solaire.",
        target_sector="energy",
        formats=["video"],
        languages=["fr"],
    )
    request_services.submit_request(request=request, actor=None)
    intake.take_request(request=request, manager=world.bob)
    intake.decide(request=request, manager=world.bob, decision="go")
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    html = html.decode().split("Suggestions", 1)[1]
    assert "Solène" in html
    assert "travaille dans le secteur visé : Énergie" in html
    assert "des sollicitations" not in html  # never invited: no response rate made up


def test_a_mentor_with_a_value_the_engine_refuses_is_left_out_not_the_whole_network(
    login, world, caplog
):
    from binome.intake import suggestions
    from binome.members.models import Member
    from binome.testing.factories import make_mentor

    odd = make_mentor(
        MemberFactory(network=world.network, first_name="Ovide"), themes=[world.theme]
    )
    Member.objects.filter(pk=odd.pk).update(years_of_experience=900)  # typed in the admin
    suggestions._WARM.clear()
    request = in_intake(world)
    intake.decide(request=request, manager=world.bob, decision="go")
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    html = html.decode().split("Suggestions", 1)[1]
    assert "Charlie" in html  # the others are still suggested
    assert "Ovide" not in html
    assert "left out of the suggestions" in caplog.text
