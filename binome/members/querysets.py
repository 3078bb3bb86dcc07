from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from binome.core.models import Network


class MemberQuerySet(models.QuerySet):
    def for_network(self, network: Network) -> MemberQuerySet:
        return self.filter(network=network)

    def listed_mentors(self) -> MemberQuerySet:
        return self.filter(is_listed=True)
