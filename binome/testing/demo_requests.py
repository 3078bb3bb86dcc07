"""Demo requests in every step of the on-demand flow, made through the services a person uses."""

from __future__ import annotations

import random

from binome.intake.models import MentoringRequest
from binome.intake.services import intake, invitations, shortlist
from binome.members.models import Member
from binome.programmes.models import Programme, StaffRole
from binome.testing import scenarios

QUESTIONS = (
    (
        "research_to_industry",
        "Docteure en physique des matériaux, je veux rejoindre l'industrie "
        "photovoltaïque mais je ne sais pas comment valoriser ma thèse.",
    ),
    (
        "career_evolution",
        "Après huit ans en conseil, j'hésite entre un poste de direction de la "
        "stratégie et une start-up. Comment choisir ?",
    ),
    (
        "entrepreneurship",
        "Je prépare la création d'une entreprise de logiciels pour les "
        "collectivités et je cherche un regard sur mon plan de financement.",
    ),
    (
        "abroad",
        "I am moving to Singapore next year with my family and would like advice on "
        "finding a position in the energy sector there.",
    ),
    ("job_search", "Je cherche mon premier poste dans l'aéronautique après une année de césure."),
    ("senior_independent", "À 58 ans, je souhaite devenir consultant indépendant en supply chain."),
    (
        "workplace_relations",
        "Je rencontre des difficultés avec mon nouveau manager et je voudrais "
        "en parler avec quelqu'un d'expérience.",
    ),
    ("career_evolution", "Ingénieur logiciel, je veux évoluer vers le management produit."),
)


def build_requests(programme: Programme, members: list[Member], rng: random.Random) -> None:
    manager = StaffRole.objects.filter(programme=programme).select_related("member").first()
    if manager is None:
        return
    bob = manager.member
    mentees = {m.user.email: m for m in members}
    unlisted = [
        m
        for m in members
        if not m.is_listed
        and m.user.email not in {"admin@ax.example.org", "manager@ax.example.org"}
    ]
    chosen = [mentees["mentee@ax.example.org"], mentees["mentee2@ax.example.org"]]
    chosen += rng.sample(unlisted[10:], k=len(QUESTIONS) - 2)
    # Steps reached, one per question: the personas' requests are the most advanced.
    steps = [
        "inviting",
        "awaiting_choice",
        "shortlisting",
        "in_intake",
        "submitted",
        "submitted",
        "in_intake",
        "matched",
    ]
    for mentee, (situation, question), step in zip(chosen, QUESTIONS, steps, strict=True):
        request = scenarios.submitted_request(
            mentee=mentee,
            programme=programme,
            situation=situation,
            question=question,
            consent=True,
            formats=("video", "in_person"),
        )
        if step == "submitted":
            continue
        intake.take_request(request=request, manager=bob)
        if step == "in_intake":
            continue
        intake.decide(request=request, manager=bob, decision="go")
        # The mentor persona receives the first invitation, so the demo shows one.
        first = mentees["mentor@ax.example.org"] if step == "inviting" else None
        _shortlist(request, bob, step, first)


def _shortlist(request: MentoringRequest, bob: Member, step: str, first: Member | None) -> None:
    from binome.intake.suggestions import explain, suggest

    picks = [explain(request, first)] if first is not None else []
    exclude = {first.pk} if first is not None else set()
    picks += suggest(request, exclude=exclude, k=3).proposals
    entries = [
        shortlist.add_to_shortlist(
            request=request,
            manager=bob,
            mentor=p.member,
            note="Parcours très proche du vôtre ; disponible et à l'écoute.",
            engine_score=p.score,
            engine_reasons=p.reasons_data(),
        )
        for p in picks[:3]
        if p is not None
    ]
    if step == "shortlisting" or not entries:
        return
    shortlist.publish_shortlist(request=request, manager=bob)
    if step == "awaiting_choice":
        return
    shortlist.rank_shortlist(
        request=request, mentee=request.mentee, ranking=[e.pk for e in entries]
    )
    invitation = invitations.invite_mentor(
        request=request,
        manager=bob,
        entry=entries[0],
        message="Nous pensons que votre expérience l'aiderait beaucoup. Accepteriez-vous ?",
    )
    if step == "matched":
        invitations.accept_invitation(invitation=invitation, mentor=entries[0].mentor)
