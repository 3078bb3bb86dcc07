"""Self-service: a member asks a mentor directly; the on-demand flow's invitations answer."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binome.core.errors import DomainError
from binome.flash import selectors
from binome.flash.models import DirectAsk
from binome.flash.services import direct
from binome.intake.models import MentorInvitation, RequestEvent
from binome.intake.services import invitations
from binome.intake.states import DIRECT_REQUEST_MACHINE, InvitationStatus, RequestStatus
from binome.intake.suggestions import suggest
from binome.intake.tokens import invitation_token
from binome.members.models import Member
from binome.mentorships.models import Mentorship
from binome.notifications.models import OutboxMessage
from binome.testing.factories import MemberFactory, UserFactory, make_mentor

pytestmark = pytest.mark.django_db

QUESTION = {
    "situation": "research_to_industry",
    "question": "Je veux passer de la recherche à l'industrie photovoltaïque.",
    "formats": ["video"],
    "languages": ["fr"],
}


def policy(world, **rules):
    values = {
        "is_open": True,
        "needs_approval": False,
        "per_member_per_month": 3,
        "per_mentor_per_month": 2,
        **rules,
    }
    return direct.save_policy(programme=world.programme, actor=None, **values)


def person(world, name, **kwargs):
    return MemberFactory(
        network=world.network, user=UserFactory(email=f"{name}@example.org"), first_name=name
    )


@pytest.fixture
def open_world(world):
    policy(world)
    # A senior mentor from another employer: the engine suggests them for a classic request.
    Member.objects.filter(pk=world.charlie.pk).update(employer="Solaire SA", class_year=1995)
    world.charlie.refresh_from_db()
    make_mentor(world.charlie, themes=[world.theme], capacity=1, accepts_direct_requests=True)
    return world


def draft(world, mentee=None):
    return direct.start_direct_request(
        mentee=mentee or world.dana,
        programme=world.programme,
        data=dict(QUESTION),
        themes=[world.theme],
        sensitive_consent=False,
    )


def asked(world, mentee=None, mentor=None):
    request = draft(world, mentee)
    return direct.ask_mentor(
        request=request,
        mentee=mentee or world.dana,
        mentor=mentor or world.charlie,
        message="Bonjour, votre parcours m'intéresse.",
    )


def test_it_invites_the_chosen_mentor_at_once_when_no_approval_is_needed(open_world):
    request = asked(open_world)
    assert request.status == RequestStatus.INVITING
    invitation = MentorInvitation.objects.get(request=request)
    assert invitation.mentor == open_world.charlie
    assert invitation.message == "Bonjour, votre parcours m'intéresse."
    mail = OutboxMessage.objects.get(to="charlie@example.org")
    assert "Dana Persona" in mail.subject
    assert "/invitations/" in mail.body_text  # the one-click answers


def test_accepting_creates_the_pair_under_the_capacity_lock(open_world):
    request = asked(open_world)
    invitation = MentorInvitation.objects.get(request=request)
    invitations.accept_invitation(invitation=invitation, mentor=open_world.charlie)
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    pair = Mentorship.objects.get(mentee=open_world.dana)
    assert pair.mentor == open_world.charlie and pair.request == request


def test_the_one_click_link_accepts(open_world, client):
    request = asked(open_world)
    invitation = MentorInvitation.objects.get(request=request)
    url = reverse("invitation_respond", args=[invitation_token(invitation, "accept")])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert Mentorship.objects.filter(mentee=open_world.dana, mentor=open_world.charlie).exists()


def test_a_decline_ends_the_direct_request_and_tells_the_member(open_world):
    request = asked(open_world)
    invitation = MentorInvitation.objects.get(request=request)
    invitations.decline_invitation(invitation=invitation, mentor=open_world.charlie, reason="")
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert request.events.last().reason == "mentor declined"
    assert OutboxMessage.objects.filter(to="dana@example.org").exists()


def test_silence_gets_one_reminder_then_expires(open_world):
    request = asked(open_world)
    later = timezone.now() + datetime.timedelta(days=8)
    assert invitations.process_due_invitations(now=later)["reminded"] == 1
    assert invitations.process_due_invitations(now=later + datetime.timedelta(days=3)) == {
        "reminded": 0,
        "expired": 1,
    }
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert RequestEvent.objects.filter(request=request, reason="invitation expired").exists()


def test_with_approval_the_managers_decide_first(open_world):
    policy(open_world, needs_approval=True)
    request = asked(open_world)
    assert request.status == RequestStatus.SUBMITTED
    assert not MentorInvitation.objects.filter(request=request).exists()
    assert OutboxMessage.objects.filter(to="bob@example.org").exists()
    direct.approve_direct_request(request=request, manager=open_world.bob)
    request.refresh_from_db()
    assert request.status == RequestStatus.INVITING
    ask = DirectAsk.objects.get(request=request)
    assert ask.approved_by == open_world.bob
    assert MentorInvitation.objects.get(request=request).message == ask.message


def test_a_refusal_tells_the_member_why(open_world):
    policy(open_world, needs_approval=True)
    request = asked(open_world)
    with pytest.raises(DomainError):
        direct.refuse_direct_request(request=request, manager=open_world.bob, message=" ")
    direct.refuse_direct_request(request=request, manager=open_world.bob, message="Pas ce mois.")
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert "Pas ce mois." in OutboxMessage.objects.get(to="dana@example.org").body_text


def test_it_refuses_a_mentor_who_did_not_opt_in(open_world):
    make_mentor(open_world.charlie, themes=[open_world.theme], accepts_direct_requests=False)
    with pytest.raises(DomainError) as refused:
        asked(open_world)
    assert refused.value.code == "not_direct"


def test_it_refuses_a_mentor_without_a_free_place(open_world):
    other = person(open_world, "zoe")
    Mentorship.objects.create(
        network=open_world.network,
        programme=open_world.programme,
        mentor=open_world.charlie,
        mentee=other,
    )
    with pytest.raises(DomainError) as refused:
        asked(open_world)
    assert refused.value.code == "capacity"


def test_it_keeps_the_monthly_limit_of_a_mentor(open_world):
    make_mentor(open_world.charlie, themes=[open_world.theme], capacity=5)
    asked(open_world, mentee=person(open_world, "ana"))
    asked(open_world, mentee=person(open_world, "ben"))
    with pytest.raises(DomainError) as refused:
        asked(open_world, mentee=person(open_world, "cle"))
    assert refused.value.code == "mentor_limit"


def test_it_keeps_the_monthly_limit_of_a_member(open_world):
    policy(open_world, per_member_per_month=1, per_mentor_per_month=5)
    request = asked(open_world)
    invitations.decline_invitation(
        invitation=MentorInvitation.objects.get(request=request), mentor=open_world.charlie
    )
    with pytest.raises(DomainError) as refused:
        asked(open_world)
    assert refused.value.code == "member_limit"


def test_a_closed_programme_takes_no_direct_request(world):
    with pytest.raises(DomainError) as refused:
        draft(world)
    assert refused.value.code == "closed"


def test_a_direct_request_moves_by_its_own_table():
    assert DIRECT_REQUEST_MACHINE.allows(RequestStatus.SUBMITTED, RequestStatus.INVITING)
    assert DIRECT_REQUEST_MACHINE.allows(RequestStatus.INVITING, RequestStatus.DECLINED)
    assert not DIRECT_REQUEST_MACHINE.allows(RequestStatus.SUBMITTED, RequestStatus.IN_INTAKE)
    assert not DIRECT_REQUEST_MACHINE.allows(RequestStatus.MATCHED, RequestStatus.SHORTLISTING)


def test_suggestions_keep_mentors_who_take_direct_requests_with_a_free_place(open_world):
    frank = person(open_world, "frank")
    Member.objects.filter(pk=frank.pk).update(employer="Vent SA", class_year=1990)
    frank.refresh_from_db()
    make_mentor(frank, themes=[open_world.theme])  # not opted in
    request = draft(open_world)
    engine_view = [s.member for s in suggest(request, exclude=set()).proposals]
    assert frank in engine_view
    shown = [s.member for s in selectors.suggested_mentors(request)]
    assert shown == [open_world.charlie]
    assert selectors.suggested_mentors(request)[0].reasons


def test_a_member_goes_from_question_to_suggestion_to_request(open_world, login):
    client = login(open_world.dana)
    slug = open_world.network.slug
    assert open_world.programme.name in client.get(reverse("find_mentor", args=[slug])).text
    response = client.post(
        reverse("direct_new", args=[slug, open_world.programme.pk]),
        {**QUESTION, "style": "classic", "themes": [open_world.theme.pk]},
    )
    request = open_world.dana.requests.get()
    assert response.url == reverse("direct_suggestions", args=[slug, request.pk])
    page = client.get(response.url).text
    ask_url = reverse("direct_ask", args=[slug, request.pk, open_world.charlie.pk])
    assert ask_url in page
    refused = client.post(ask_url, {"message": ""})
    assert refused.status_code == 200 and 'class="error"' in refused.text
    sent = client.post(ask_url, {"message": "Bonjour Charlie"})
    assert sent.url == reverse("request_detail", args=[slug, request.pk])
    request.refresh_from_db()
    assert request.status == RequestStatus.INVITING
    assert MentorInvitation.objects.get(request=request).status == InvitationStatus.PENDING
    assert "Charlie Persona" in client.get(sent.url).text
    mentor_page = login(open_world.charlie).get(reverse("my_invitations", args=[slug])).text
    assert "Bonjour Charlie" in mentor_page and "Dana Persona" in mentor_page


def test_a_manager_sets_the_rules_and_approves(open_world, login):
    client = login(open_world.bob)
    slug = open_world.network.slug
    url = reverse("direct_policy", args=[slug, open_world.programme.pk])
    client.post(
        url,
        {
            "is_open": "on",
            "needs_approval": "on",
            "per_member_per_month": 2,
            "per_mentor_per_month": 4,
        },
    )
    open_world.programme.direct_policy.refresh_from_db()
    assert open_world.programme.direct_policy.needs_approval
    request = asked(open_world)
    assert "Dana Persona" in client.get(url).text
    response = client.post(reverse("direct_approve", args=[slug, request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.INVITING


def test_a_member_asks_a_mentor_from_the_directory(open_world, login):
    client = login(open_world.dana)
    slug = open_world.network.slug
    profile = client.get(reverse("member_detail", args=[slug, open_world.charlie.pk])).text
    find = reverse("find_mentor", args=[slug]) + f"?mentor={open_world.charlie.pk}"
    assert find in profile
    new = reverse("direct_new", args=[slug, open_world.programme.pk])
    assert f"{new}?mentor={open_world.charlie.pk}" in client.get(find).text
    response = client.post(
        f"{new}?mentor={open_world.charlie.pk}",
        {**QUESTION, "style": "classic", "themes": [open_world.theme.pk]},
    )
    request = open_world.dana.requests.get()
    assert response.url == reverse("direct_ask", args=[slug, request.pk, open_world.charlie.pk])
