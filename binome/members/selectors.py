"""Reads on members: the mentor directory and profile pages, always from one network."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from binome.core.models import Network
from binome.core.text import words
from binome.members.models import Member

PAGE_SIZE = 20


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    theme: int | None = None
    sector: str = ""
    function: str = ""
    language: str = ""
    country: str = ""
    class_year_min: int | None = None
    class_year_max: int | None = None
    has_free_capacity: bool = False
    facets: list[str] = field(default_factory=list)


def directory_queryset(network: Network, query: DirectoryQuery) -> QuerySet[Member]:
    """Listed mentors of ``network`` matching every criterion of ``query``."""
    members = Member.objects.for_network(network).listed_mentors()
    for word in words(query.text)[:8]:
        members = members.filter(search_text__contains=word)
    if query.sector:
        members = members.filter(sector=query.sector)
    if query.function:
        members = members.filter(function=query.function)
    if query.country:
        members = members.filter(country=query.country)
    if query.class_year_min is not None:
        members = members.filter(class_year__gte=query.class_year_min)
    if query.class_year_max is not None:
        members = members.filter(class_year__lte=query.class_year_max)
    facets = []
    if query.language:
        facets.append(f"lang:{query.language}")
    if query.theme:
        facets.append(f"theme:{query.theme}")
    if query.has_free_capacity:
        facets.append("free")
    for facet in facets:
        members = members.filter(facets__contains=f"|{facet}|")
    return members.order_by("last_name", "first_name", "pk")


def search_directory(network: Network, query: DirectoryQuery, *, page: int = 1) -> Page[Member]:
    members = (
        directory_queryset(network, query)
        .select_related("mentor_offer")
        .only(
            "pk",
            "first_name",
            "last_name",
            "class_year",
            "position_title",
            "employer",
            "sector",
            "function",
            "languages",
            "country",
            "city",
            "facets",
            "mentor_offer__capacity",
            "mentor_offer__paused_until",
        )
    )
    return Paginator(members, PAGE_SIZE).get_page(page)


def visible_member(network: Network, viewer: Member, member_id: int) -> Member | None:
    """A profile the viewer may read: their own, a listed mentor's, or any one for staff."""
    member = (
        Member.objects.for_network(network)
        .select_related("mentor_offer", "user")
        .prefetch_related("positions", "mentor_offer__themes")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        return None
    if member.pk == viewer.pk or member.is_listed:
        return member
    if viewer.staff_roles.exists():
        return member
    return None
