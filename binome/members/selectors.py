"""Reads on members: the mentor directory and profile pages, always from one network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from binome.core.models import Network
from binome.core.text import words
from binome.members.models import DirectoryEntry, Member

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


def directory_queryset(network: Network, query: DirectoryQuery) -> QuerySet[DirectoryEntry]:
    """Directory rows of ``network`` matching every criterion of ``query``, sorted by name."""
    entries = DirectoryEntry.objects.filter(network=network)
    for word in words(query.text)[:8]:
        entries = entries.filter(search_text__contains=word)
    if query.sector:
        entries = entries.filter(sector=query.sector)
    if query.function:
        entries = entries.filter(function=query.function)
    if query.country:
        entries = entries.filter(country=query.country)
    if query.class_year_min is not None:
        entries = entries.filter(class_year__gte=query.class_year_min)
    if query.class_year_max is not None:
        entries = entries.filter(class_year__lte=query.class_year_max)
    if query.has_free_capacity:
        entries = entries.filter(has_free_capacity=True)
    if query.language:
        entries = entries.filter(facets__contains=f"|lang:{query.language}|")
    if query.theme:
        entries = entries.filter(facets__contains=f"|theme:{query.theme}|")
    return entries.order_by("sort_name", "member_id")


def search_directory(network: Network, query: DirectoryQuery, *, page: int = 1) -> Page[Member]:
    """One page of matching mentors: ids from the narrow index, then those members' cards."""
    ids = directory_queryset(network, query).values_list("member_id", flat=True)
    result = Paginator(ids, PAGE_SIZE).get_page(page)
    page_ids = list(result.object_list)
    members = Member.objects.filter(pk__in=page_ids).select_related("directory_entry")
    by_id = {member.pk: member for member in members}
    # The page keeps the paginator of ids (for counts and links) and shows members.
    paginator: Any = result.paginator
    return Page([by_id[pk] for pk in page_ids if pk in by_id], result.number, paginator)


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
