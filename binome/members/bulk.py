"""Inserting many rows at once for the directory import: COPY on PostgreSQL, elsewhere one
prepared INSERT run with ``executemany``, instead of ``bulk_create``, which compiles SQL for
every value (at 100,000 members most of the import's time went there). No signals are sent, as
with ``bulk_create``; primary keys are not read back (select by a unique field when needed).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models.base import ModelState
from django.utils import timezone

M = TypeVar("M", bound=models.Model)
BATCH = 1_000
# Fields whose Python value is what the database driver takes: no preparation per value.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def build(model: type[M], related: dict[str, models.Model] | None = None, **values: Any) -> M:
    """``model(**values)`` for many rows: defaults are read once per model and the instance is
    filled directly (``Model.__init__`` walked every field's descriptor and default, a quarter of
    a 100,000-row import). ``values`` are by attname (``network_id``); ``related`` objects are
    kept in the instance's cache so that ``member.user`` needs no query."""
    static, dynamic = _defaults(model)
    obj = model.__new__(model)
    state = obj.__dict__
    state.update(static)
    for attname, default in dynamic:
        state[attname] = default()
    state.update(values)
    obj._state = ModelState()
    if related:
        for name, other in related.items():
            state[model._meta.get_field(name).attname] = other.pk  # type: ignore[union-attr]
            obj._state.fields_cache[name] = other
    return obj


_DEFAULTS: dict[type[models.Model], tuple[dict[str, Any], list[tuple[str, Callable[[], Any]]]]] = {}


def _defaults(
    model: type[models.Model],
) -> tuple[dict[str, Any], list[tuple[str, Callable[[], Any]]]]:
    try:
        return _DEFAULTS[model]
    except KeyError:
        pass
    static: dict[str, Any] = {}
    dynamic: list[tuple[str, Callable[[], Any]]] = []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            # A fresh value per row (a new UUID, a list of one's own), as Model.__init__ gives.
            dynamic.append((field.attname, field.default))
        else:
            static[field.attname] = field.get_default()
    _DEFAULTS[model] = static, dynamic
    return static, dynamic


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
