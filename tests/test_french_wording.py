"""French as people read it: plurals agree, contractions are made, codes never show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from binome.intake.services import intake
from binome.mentorships.services import charter, create_mentorship, lifecycle
from binome.programmes.services import publish_charter
from binome.testing import scenarios

pytestmark = pytest.mark.django_db


def test_the_queue_counts_agree_with_their_number(login, world):
    scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="career_evolution",
        question="Q",
        themes=[world.theme],
    )
    html = login(world.bob).get(reverse("intake_queue", args=["ax", world.programme.pk]))
    html = html.content.decode()
    assert "demande en attente d’un responsable" in html  # 1: singular
    assert "binôme formé" in html  # 0: singular in French
    assert "binômes formés" not in html


def test_the_mentee_page_says_du_responsable_not_de_le(login, world):
    request = scenarios.submitted_request(
        mentee=world.dana,
        programme=world.programme,
        situation="career_evolution",
        question="Q",
        themes=[world.theme],
    )
    intake.take_request(request=request, manager=world.bob)
    html = login(world.dana).get(reverse("request_detail", args=["ax", request.pk]))
    html = html.content.decode()
    assert "en attente du responsable" in html
    assert "de le " not in html


def test_a_pair_history_and_held_meetings_read_as_french(login, world):
    publish_charter(programme=world.programme, actor=None, text_fr="Charte", text_en="Charter")
    pair = create_mentorship(
        programme=world.programme, mentor=world.charlie, mentee=world.dana, actor=None
    )
    charter.sign_charter(mentorship=pair, member=world.charlie)
    charter.sign_charter(mentorship=pair, member=world.dana)
    lifecycle.close_pair(mentorship=pair, actor=world.dana, completed=True, reason="goals_reached")
    staff = login(world.bob).get(reverse("staff_pair", args=["ax", pair.pk])).content.decode()
    assert "awaiting_charter" not in staff and "goals_reached" not in staff
    assert "Aucun signal." in staff
    mine = login(world.dana).get(reverse("pair_page", args=["ax", pair.pk])).content.decode()
    assert "0 séance tenue sur" in mine and "séances tenues" not in mine


def test_the_request_history_names_the_services_reasons_in_words(login, world):
    from binome.intake.services import invitations, shortlist

    request, (entry,) = scenarios.published_shortlist(
        manager=world.bob,
        mentors=[world.charlie],
        rank=False,
        mentee=world.dana,
        programme=world.programme,
        question="Q",
        themes=[world.theme],
    )
    shortlist.rank_shortlist(request=request, mentee=world.dana, ranking=[entry.pk])
    invitation = invitations.invite_mentor(
        request=request, manager=world.bob, entry=entry, message="Bonjour"
    )
    invitations.decline_invitation(invitation=invitation, mentor=world.charlie)
    html = login(world.bob).get(reverse("manage_request", args=["ax", request.pk])).content
    html = html.decode().split("Historique", 1)[1]
    assert "shortlist exhausted" not in html
    assert "plus aucun mentor de la liste" in html
