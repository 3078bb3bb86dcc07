"""The allowed moves of a directory import — data, applied by ``core.transitions.move``."""

from __future__ import annotations

from binome.core.transitions import StateMachine
from binome.members.models import ImportBatch

S = ImportBatch.Status
IMPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.UPLOADED: frozenset({S.VALIDATING}),
    S.VALIDATING: frozenset({S.VALIDATED, S.FAILED}),
    # Validated → validating: the admin changed the mapping or accepted warnings; check again.
    S.VALIDATED: frozenset({S.VALIDATING, S.APPLYING}),
    S.APPLYING: frozenset({S.APPLIED, S.FAILED}),
    S.APPLIED: frozenset(),
    S.FAILED: frozenset({S.VALIDATING}),
}
IMPORT_MACHINE = StateMachine("import", IMPORT_TRANSITIONS, S)
