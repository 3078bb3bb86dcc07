"""The outbox in the Django admin: watch delivery and requeue failed messages, nothing else.

Rows are read-only and cannot be added or deleted (a message is never dropped). The bodies are
not shown: a reminder may quote a pair's action items, which staff must not read (DESIGN §4).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from binome.notifications.models import OutboxMessage
from binome.notifications.services import requeue_failed

# Everything but the bodies (see above).
FIELDS = (
    "message_id",
    "to",
    "subject",
    "language",
    "status",
    "attempts",
    "last_error",
    "next_attempt_at",
    "created_at",
    "sent_at",
)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = ["to", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "=message_id"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    fields = FIELDS
    readonly_fields = FIELDS
    actions = ["requeue"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False

    @admin.action(description=_("Requeue the selected failed messages"), permissions=["change"])
    def requeue(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = requeue_failed(
            message_ids=queryset.values_list("message_id", flat=True), actor=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d failed message requeued.",
                "%(count)d failed messages requeued.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
