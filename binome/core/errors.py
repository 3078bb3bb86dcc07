"""The one exception services raise when a rule refuses an operation."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal with a translated message for the person who asked.

    Services raise it; views turn it into a form error or a message. ``code`` is stable, for
    tests and the API.
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
