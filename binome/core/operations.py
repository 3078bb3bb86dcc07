"""One view per operation: a bound form, one service, then a redirect — or the page again.

Rules every operation view keeps (see STYLE.md):
- a valid form calls exactly one service; its success message is shown after the redirect;
- an invalid form, or a service's ``DomainError``, re-renders the page with the *bound* form
  and its errors, so nothing the person typed is lost; the status is 422 for htmx requests
  (htmx swaps it in) and 200 for plain form posts (browsers show it as a normal page);
- a ``DomainError`` on a form with no fields becomes the form's non-field error, shown by the
  page in its alert region (``operation_form``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from binome.core.errors import DomainError

Perform = Callable[[Mapping[str, Any]], str]
Page = Callable[[forms.BaseForm], HttpResponse]


class ConfirmForm(forms.Form):
    """The form of an operation that is a single button: no field, room for the refusal."""


def run_operation(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    perform: Perform,
    page: Page,
    success: str | HttpResponse,
) -> HttpResponse:
    """Validate ``form``, ``perform`` the one service, and redirect to ``success``.

    ``perform`` takes the cleaned data and returns the message to show; ``page`` renders the
    page the form lives on, given the bound form (with its errors).
    """
    if form.is_valid():
        try:
            message = perform(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if message:
                messages.success(request, message)
            return redirect(success) if isinstance(success, str) else success
    return refused(request, page(form))


def refused(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Mark a re-rendered page as a refusal: 422 for htmx swaps, 200 for plain posts."""
    if getattr(request, "htmx", False):
        response.status_code = 422
    return response
