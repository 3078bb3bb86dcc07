from __future__ import annotations

from typing import Any

from django import template

from binome.programmes.models import Programme

register = template.Library()


@register.simple_tag
def managed_programmes(access: Any) -> list[Programme]:
    """The programmes the visitor runs: all of the network's for its admins, else their own."""
    if access is None or not access.is_staff:
        return []
    programmes = Programme.objects.for_network(access.network).order_by("name")
    if not access.is_network_admin:
        programmes = programmes.filter(pk__in=access.managed_programme_ids())
    return list(programmes)
