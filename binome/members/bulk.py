"""Inserting many rows at once for the directory import: COPY on PostgreSQL, elsewhere one
prepared INSERT run with ``executemany``, instead of ``bulk_create``, which compiles SQL for
every value (at 100,000 members most of the import's time went there). No signals are sent, as
with ``bulk_create``; primary keys are not read back (select by a unique field when needed).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 1_000
# Fields whose Python value is what the database driver takes: no preparation per value.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    if not objects:
        return
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    now = timezone.now()
    readers = [_reader(field, now) for field in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: several times faster than INSERTs for the server (the import's bottleneck).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in objects:
                    copy.write_row([read(obj) for read in readers])
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - model's names
        for start in range(0, len(objects), BATCH):
            cursor.executemany(
                sql,
                [[read(obj) for read in readers] for obj in objects[start : start + BATCH]],
            )


def _reader(field: models.Field[Any, Any], now: datetime.datetime) -> Callable[[models.Model], Any]:
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        # One timestamp for the whole insert, as one transaction writes it.
        prepared = field.get_db_prep_save(now, connection)
        return lambda obj: prepared
    if isinstance(field, _PLAIN):
        return lambda obj: getattr(obj, attname)
    known: dict[Any, Any] = {}

    def read(obj: models.Model) -> Any:
        # Preparing a value (a date, a UUID) is costly and values repeat (a default "now").
        value = getattr(obj, attname)
        try:
            return known[value]
        except KeyError:
            known[value] = prepared = field.get_db_prep_save(value, connection)
            return prepared
        except TypeError:  # unhashable: a list for a JSON field
            return field.get_db_prep_save(value, connection)

    return read
