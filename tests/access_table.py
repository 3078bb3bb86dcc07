"""Who may use which URL: the expected status for each persona, GET and POST (empty body).

A new URL needs two lines in TABLE (its GET and its POST) and, if one of its arguments is new,
a builder in ARGUMENTS (or an override for this URL in OVERRIDES). ``tests/test_access_matrix.py``
fails on any URL pattern without its lines.

Statuses: a number is the HTTP status; ``login`` is a redirect to the login page, ``mfa`` one
to the two-factor setup. A refused request (``login``, 400, 403, 404, 405) must change nothing.
Tenancy answers 404, never 403. Who the personas are: ``tests/access_world.py``.

Read-only pages are ``require_safe``: a POST that reaches them answers 405 (after the access
check, so strangers still get 404). A row that is wrong today because of a known defect says
what it should be and is listed in KNOWN_DEFECTS (an xfail until fixed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.access_world import PERSONAS, World

REFUSED = frozenset({"login", "mfa", "400", "403", "404", "405"})

# Third-party URL trees (allauth, the Django admin) answer for their own access; a few rows
# below still pin the entries that matter to us.
EXEMPT_PREFIXES = ("accounts/", "django-admin/")

# Argument name → its value in the world; OVERRIDES when one URL needs another object.
ARGUMENTS: dict[str, Callable[[World], Any]] = {
    "network": lambda w: w.network.slug,
    "programme_id": lambda w: w.programme.pk,
    "request_id": lambda w: w.request.pk,
    "entry_id": lambda w: w.entry.pk,
    "invitation_id": lambda w: w.invitation.pk,
    "pair_id": lambda w: w.pair.pk,
    "meeting_id": lambda w: w.meeting.pk,
    "item_id": lambda w: w.action_item.pk,
    "action_item_id": lambda w: w.action_item.pk,
    "flag_id": lambda w: w.flag.pk,
    "theme_id": lambda w: w.theme.pk,
    "role_id": lambda w: w.role.pk,
    "batch_id": lambda w: w.batch.pk,
    "member_id": lambda w: w.people["mentor"].pk,  # a listed mentor: any member may look
    "file_format": lambda w: "csv",
    "question_id": lambda w: w.flash["question"].pk,
    "slot_id": lambda w: w.flash["slot"].pk,
    "exchange_id": lambda w: w.flash["exchange"].pk,
    "event_id": lambda w: w.speed["event"].pk,
    "introduction_id": lambda w: w.speed["introduction"].pk,
    "number": lambda w: 1,
    "uidb36": lambda w: w.tokens["uidb36"],
    "year": lambda w: w.pair.created_at.year,
    "cohort_id": lambda w: w.cohort.pk,
    "cohort_question_id": lambda w: w.cohort.questions.get().pk,
    "application_id": lambda w: w.application.pk,
    "role": lambda w: "mentee",
    "template_id": lambda w: w.survey["template"].pk,
    "survey_question_id": lambda w: w.survey["question"].pk,
}
OVERRIDES: dict[str, dict[str, Callable[[World], Any]]] = {
    # Only a draft is edited, in its own programme.
    "request_edit": {
        "request_id": lambda w: w.draft.pk,
        "programme_id": lambda w: w.draft.programme_id,
    },
    "network_join": {"network": lambda w: w.open_network.slug},
    # Operations on a meeting still to come; the others act on the meeting held.
    "meeting_move": {"meeting_id": lambda w: w.upcoming.pk},
    "meeting_confirm": {"meeting_id": lambda w: w.upcoming.pk},
    "meeting_cancel": {"meeting_id": lambda w: w.upcoming.pk},
    "check_in": {"token": lambda w: w.tokens["check_in"]},
    "survey_answer": {"token": lambda w: w.tokens["survey"]},
    "survey_rematch": {"token": lambda w: w.tokens["survey"]},
    # Cohort pages name the cohort programme, not the on-demand one.
    "cohort_list": {"programme_id": lambda w: w.cohort.programme_id},
    "cohort_create": {"programme_id": lambda w: w.cohort.programme_id},
    **{
        name: {
            "cohort_id": lambda w: w.run.cohort_id,
            "run_id": lambda w: w.run.pk,
            "application_id": lambda w: w.run.cohort.applications.get(role="mentee").pk,
        }
        for name in (
            "run_launch",
            "run_new",
            "run_compare",
            "run_preview",
            "run_detail",
            "run_progress",
            "run_mentee",
            "run_pin",
            "run_forbid",
            "run_publish",
            "run_export",
        )
    },
    "invitation_respond": {"token": lambda w: w.tokens["invitation"]},
    "account_activate": {"token": lambda w: w.tokens["activation"]},
    # Self-service: the other party's draft direct request; the approval waits on another's.
    "direct_suggestions": {"request_id": lambda w: w.direct_draft.pk},
    "direct_ask": {"request_id": lambda w: w.direct_draft.pk},
    "direct_approve": {"request_id": lambda w: w.direct_pending.pk},
    "direct_refuse": {"request_id": lambda w: w.direct_pending.pk},
    # Flash: the flash programme; the take acts on the other party's pooled question.
    "flash_ask": {"programme_id": lambda w: w.flash["programme"].pk},
    "flash_mentor": {"programme_id": lambda w: w.flash["programme"].pk},
    "flash_slot_new": {"programme_id": lambda w: w.flash["programme"].pk},
    "flash_take": {"question_id": lambda w: w.flash["pooled"].pk},
    "flash_pool_remind": {"pool_question_id": lambda w: w.flash["pooled"].pk},
    "flash_overview": {"programme_id": lambda w: w.flash["programme"].pk},
    "event_new": {"programme_id": lambda w: w.speed["programme"].pk},
    "flash_outcome_link": {"token": lambda w: w.tokens["flash_outcome"]},
}

# fmt: off
TABLE = """
# url name              meth anon  memb  mtee  mtor  othr  mgr   omgr  nadm  fadm  su
# -- Public pages and accounts
home                    GET  200   200   200   200   200   200   200   200   200   200
home                    POST 405   405   405   405   405   405   405   405   405   405
set_language            GET  302   302   302   302   302   302   302   302   302   302
set_language            POST 302   302   302   302   302   302   302   302   302   302
account_language        GET  login 200   200   200   200   200   200   200   200   200
account_language        POST login 400   400   400   400   400   400   400   400   400
account_activate        GET  200   200   200   200   200   200   200   200   200   200
account_activate        POST 200   200   200   200   200   200   200   200   200   200
check_in                GET  200   200   200   200   200   200   200   200   200   200
check_in                POST 200   200   200   200   200   200   200   200   200   200
survey_answer           GET  200   200   200   200   200   200   200   200   200   200
survey_answer           POST 200   200   200   200   200   200   200   200   200   200
survey_rematch          GET  405   405   405   405   405   405   405   405   405   405
survey_rematch          POST 400   400   400   400   400   400   400   400   400   400
invitation_respond      GET  200   200   200   200   200   200   200   200   200   200
invitation_respond      POST 200   200   200   200   200   200   200   200   200   200
flash_outcome_link      GET  200   200   200   200   200   200   200   200   200   200
flash_outcome_link      POST 200   200   200   200   200   200   200   200   200   200
# -- Third-party trees: a few entries pinned (the rest is theirs)
admin:index             GET  302   302   302   302   302   302   302   302   302   200
admin:index             POST 302   302   302   302   302   302   302   302   302   200
account_login           GET  200   302   302   302   302   302   302   302   302   302
account_login           POST 200   302   302   302   302   302   302   302   302   302
account_logout          GET  302   200   200   200   200   200   200   200   200   200
account_logout          POST 302   302   302   302   302   302   302   302   302   302
account_signup          GET  200   302   302   302   302   302   302   302   302   302
account_signup          POST 200   302   302   302   302   302   302   302   302   302
mfa_activate_totp       GET  login 302   302   302   302   302   302   302   302   302
mfa_activate_totp       POST login 302   302   302   302   302   302   302   302   302
# -- Members: profile, offer, directory, joining
network_home            GET  login 200   200   200   200   200   200   200   200   404
network_home            POST login 405   405   405   405   405   405   405   405   404
network_join            GET  login 405   405   405   405   405   405   405   405   405
network_join            POST login 302   302   302   302   302   302   302   302   302
profile_edit            GET  login 200   200   200   200   200   200   200   200   404
profile_edit            POST login 200   200   200   200   200   200   200   200   404
mentor_offer            GET  login 200   200   200   200   200   200   200   200   404
mentor_offer            POST login 200   200   200   200   200   200   200   200   404
mentor_offer_pause      GET  login 405   405   405   405   405   405   405   405   404
mentor_offer_pause      POST login 200   200   200   200   200   200   200   200   404
mentor_offer_resume     GET  login 405   405   405   405   405   405   405   405   404
mentor_offer_resume     POST login 200   200   302   302   200   200   200   200   404
mentor_offer_withdraw   GET  login 405   405   405   405   405   405   405   405   404
mentor_offer_withdraw   POST login 200   200   302   302   200   200   200   200   404
directory               GET  login 200   200   200   200   200   200   200   200   404
directory               POST login 405   405   405   405   405   405   405   405   404
member_detail           GET  login 200   200   200   200   200   200   200   404   404
member_detail           POST login 405   405   405   405   405   405   405   404   404
my_requests             GET  login 200   200   200   200   200   200   200   200   404
my_requests             POST login 405   405   405   405   405   405   405   405   404
my_invitations          GET  login 200   200   200   200   200   200   200   200   404
my_invitations          POST login 405   405   405   405   405   405   405   405   404
my_pairs                GET  login 200   200   200   200   200   200   200   200   404
my_pairs                POST login 405   405   405   405   405   405   405   405   404
# -- Network admin: directory imports and exports
import_list             GET  login 404   404   404   404   404   404   200   200   404
import_list             POST login 404   404   404   404   404   404   200   200   404
member_invite           GET  login 404   404   404   404   404   404   405   405   404
member_invite           POST login 404   404   404   404   404   404   200   200   404
import_detail           GET  login 404   404   404   404   404   404   200   404   404
import_detail           POST login 404   404   404   404   404   404   200   404   404
import_progress         GET  login 404   404   404   404   404   404   200   404   404
import_progress         POST login 404   404   404   404   404   404   200   404   404
directory_export        GET  login 404   404   404   404   404   404   200   200   404
directory_export        POST login 404   404   404   404   404   404   200   200   404
# -- Programmes, themes, staff roles
programme_list          GET  login 404   404   404   404   200   200   200   200   404
programme_list          POST login 404   404   404   404   405   405   405   405   404
programme_create        GET  login 404   404   404   404   404   404   200   200   404
programme_create        POST login 404   404   404   404   404   404   200   200   404
programme_detail        GET  login 404   404   404   404   200   404   200   404   404
programme_detail        POST login 404   404   404   404   404   404   200   404   404
programme_edit          GET  login 404   404   404   404   404   404   200   404   404
programme_edit          POST login 404   404   404   404   404   404   200   404   404
theme_list              GET  login 404   404   404   404   404   404   200   200   404
theme_list              POST login 404   404   404   404   404   404   405   405   404
theme_create            GET  login 404   404   404   404   404   404   200   200   404
theme_create            POST login 404   404   404   404   404   404   200   200   404
theme_edit              GET  login 404   404   404   404   404   404   200   404   404
theme_edit              POST login 404   404   404   404   404   404   200   404   404
staff_list              GET  login 404   404   404   404   404   404   200   200   404
staff_list              POST login 404   404   404   404   404   404   200   200   404
staff_revoke            GET  login 404   404   404   404   404   404   405   405   404
staff_revoke            POST login 404   404   404   404   404   404   302   404   404
# -- Intake: the mentee's request, the mentor's invitation
request_new             GET  login 200   200   200   200   200   200   200   404   404
request_new             POST login 200   200   200   200   200   200   200   404   404
request_edit            GET  login 404   200   404   404   404   404   404   404   404
request_edit            POST login 404   200   404   404   404   404   404   404   404
request_detail          GET  login 404   200   404   404   404   404   404   404   404
request_detail          POST login 404   405   404   404   404   404   404   404   404
request_rank            GET  login 405   405   405   405   405   405   405   405   404
request_rank            POST login 404   200   404   404   404   404   404   404   404
request_submit          GET  login 405   405   405   405   405   405   405   405   404
request_submit          POST login 404   200   404   404   404   404   404   404   404
request_withdraw        GET  login 405   405   405   405   405   405   405   405   404
request_withdraw        POST login 404   302   404   404   404   404   404   404   404
request_other_names     GET  login 405   405   405   405   405   405   405   405   404
request_other_names     POST login 404   302   404   404   404   404   404   404   404
invitation_accept       GET  login 405   405   405   405   405   405   405   405   404
invitation_accept       POST login 404   404   200   404   404   404   404   404   404
invitation_decline      GET  login 405   405   405   405   405   405   405   405   404
invitation_decline      POST login 404   404   302   404   404   404   404   404   404
# -- Intake: the managers' side
intake_queue            GET  login 404   404   404   404   200   404   200   404   404
intake_queue            POST login 404   404   404   404   405   404   405   404   404
manage_request          GET  login 404   404   404   404   200   404   200   404   404
manage_request          POST login 404   404   404   404   405   404   405   404   404
request_take            GET  login 404   404   404   404   405   405   405   405   404
request_take            POST login 404   404   404   404   200   404   200   404   404
request_schedule        GET  login 404   404   404   404   405   405   405   405   404
request_schedule        POST login 404   404   404   404   200   404   200   404   404
request_notes           GET  login 404   404   404   404   405   405   405   405   404
request_notes           POST login 404   404   404   404   302   404   404   404   404
request_decide          GET  login 404   404   404   404   405   405   405   405   404
request_decide          POST login 404   404   404   404   200   404   200   404   404
shortlist_add           GET  login 404   404   404   404   405   405   405   405   404
shortlist_add           POST login 404   404   404   404   200   404   200   404   404
shortlist_entry_update  GET  login 404   404   404   404   405   405   405   405   404
shortlist_entry_update  POST login 404   404   404   404   200   404   200   404   404
shortlist_entry_remove  GET  login 404   404   404   404   405   405   405   405   404
shortlist_entry_remove  POST login 404   404   404   404   200   404   200   404   404
shortlist_publish       GET  login 404   404   404   404   405   405   405   405   404
shortlist_publish       POST login 404   404   404   404   200   404   200   404   404
invitation_send         GET  login 404   404   404   404   405   405   405   405   404
invitation_send         POST login 404   404   404   404   200   404   200   404   404
direct_pair             GET  login 404   404   404   404   404   404   200   404   404
direct_pair             POST login 404   404   404   404   404   404   200   404   404
# -- Self-service: suggested mentors and direct requests
find_mentor             GET  login 200   200   200   200   200   200   200   200   404
find_mentor             POST login 405   405   405   405   405   405   405   405   404
direct_new              GET  login 200   200   200   200   200   200   200   404   404
direct_new              POST login 200   200   200   200   200   200   200   404   404
direct_suggestions      GET  login 404   404   404   200   404   404   404   404   404
direct_suggestions      POST login 404   404   404   405   404   404   404   404   404
direct_ask              GET  login 404   404   404   200   404   404   404   404   404
direct_ask              POST login 404   404   404   200   404   404   404   404   404
direct_policy           GET  login 404   404   404   404   200   404   200   404   404
direct_policy           POST login 404   404   404   404   200   404   200   404   404
direct_approve          GET  login 404   404   404   404   405   405   405   405   404
direct_approve          POST login 404   404   404   404   302   404   302   404   404
direct_refuse           GET  login 404   404   404   404   405   405   405   405   404
direct_refuse           POST login 404   404   404   404   200   404   200   404   404
# -- Flash mentoring: ask and book, give, the exchange
flash_index             GET  login 200   200   200   200   200   200   200   200   404
flash_index             POST login 405   405   405   405   405   405   405   405   404
flash_ask               GET  login 200   200   200   200   200   200   200   404   404
flash_ask               POST login 200   200   200   200   200   200   200   404   404
flash_question          GET  login 404   200   404   404   404   404   404   404   404
flash_question          POST login 404   405   404   404   404   404   404   404   404
flash_book              GET  login 405   405   405   405   405   405   405   405   404
flash_book              POST login 404   200   404   404   404   404   404   404   404
flash_pool              GET  login 405   405   405   405   405   405   405   405   404
flash_pool              POST login 404   200   404   404   404   404   404   404   404
flash_mentor            GET  login 200   200   200   200   200   200   200   404   404
flash_mentor            POST login 200   200   200   200   200   200   200   404   404
flash_slot_new          GET  login 405   405   405   405   405   405   405   405   404
flash_slot_new          POST login 200   200   200   200   200   200   200   404   404
flash_slot_cancel       GET  login 405   405   405   405   405   405   405   405   404
flash_slot_cancel       POST login 404   404   302   404   404   404   404   404   404
flash_take              GET  login 405   405   405   405   405   405   405   405   404
flash_take              POST login 404   404   200   200   404   404   404   404   404
flash_exchange          GET  login 404   200   200   404   404   404   404   404   404
flash_exchange          POST login 404   405   405   404   404   404   404   404   404
flash_ics               GET  login 404   200   200   404   404   404   404   404   404
flash_ics               POST login 404   405   405   404   404   404   404   404   404
flash_outcome           GET  login 405   405   405   405   405   405   405   405   404
flash_outcome           POST login 404   200   200   404   404   404   404   404   404
flash_feedback          GET  login 405   405   405   405   405   405   405   405   404
flash_feedback          POST login 404   200   200   404   404   404   404   404   404
flash_continue          GET  login 405   405   405   405   405   405   405   405   404
flash_continue          POST login 404   200   200   404   404   404   404   404   404
flash_continue_cohort   GET  login 405   405   405   405   405   405   405   405   404
flash_continue_cohort   POST login 404   200   200   404   404   404   404   404   404
flash_continue_answer   GET  login 405   405   405   405   405   405   405   405   404
flash_continue_answer   POST login 404   200   200   404   404   404   404   404   404
flash_overview          GET  login 404   404   404   404   200   404   200   404   404
flash_overview          POST login 404   404   404   404   405   405   405   405   404
flash_pool_remind       GET  login 404   404   404   404   405   405   405   405   404
flash_pool_remind       POST login 404   404   404   404   302   404   302   404   404
flash_outcome_remind    GET  login 404   404   404   404   405   405   405   405   404
flash_outcome_remind    POST login 404   404   404   404   200   404   200   404   404
# -- Speed-mentoring events
events_index            GET  login 200   200   200   200   200   200   200   200   404
events_index            POST login 405   405   405   405   405   405   405   405   404
event_page              GET  login 200   200   200   200   200   200   200   404   404
event_page              POST login 405   405   405   405   405   405   405   405   404
event_signup            GET  login 405   405   405   405   405   405   405   405   404
event_signup            POST login 200   200   200   200   200   200   200   404   404
event_ticks             GET  login 405   405   405   405   405   405   405   405   404
event_ticks             POST login 200   200   200   200   200   200   200   404   404
event_follow_up         GET  login 405   405   405   405   405   405   405   405   404
event_follow_up         POST login 404   200   200   404   404   404   404   404   404
event_new               GET  login 404   404   404   404   200   404   200   404   404
event_new               POST login 404   404   404   404   200   404   200   404   404
event_manage            GET  login 404   404   404   404   200   404   200   404   404
event_manage            POST login 404   404   404   404   405   405   405   405   404
event_register          GET  login 404   404   404   404   405   405   405   405   404
event_register          POST login 404   404   404   404   200   404   200   404   404
event_step              GET  login 404   404   404   404   405   405   405   405   404
event_step              POST login 404   404   404   404   200   404   200   404   404
event_move              GET  login 404   404   404   404   405   405   405   405   404
event_move              POST login 404   404   404   404   200   404   200   404   404
event_attendance        GET  login 404   404   404   404   405   405   405   405   404
event_attendance        POST login 404   404   404   404   200   404   200   404   404
event_tables            GET  login 404   404   404   404   200   404   200   404   404
event_tables            POST login 404   404   404   404   405   405   405   405   404
event_people            GET  login 404   404   404   404   200   404   200   404   404
event_people            POST login 404   404   404   404   405   405   405   405   404
event_round             GET  login 404   404   404   404   200   404   200   404   404
event_round             POST login 404   404   404   404   405   405   405   405   404
# -- Pairs: the pair's own pages
pair_page               GET  login 404   200   200   404   404   404   404   404   404
pair_page               POST login 404   405   405   404   404   404   404   404   404
pair_sign               GET  login 405   405   405   405   405   405   405   405   404
pair_sign               POST login 404   200   200   404   404   404   404   404   404
objectives_save         GET  login 405   405   405   405   405   405   405   405   404
objectives_save         POST login 404   302   302   404   404   404   404   404   404
pair_pause              GET  login 405   405   405   405   405   405   405   405   404
pair_pause              POST login 404   302   302   404   404   404   404   404   404
pair_resume             GET  login 405   405   405   405   405   405   405   405   404
pair_resume             POST login 404   302   302   404   404   404   404   404   404
pair_extend             GET  login 405   405   405   405   405   405   405   405   404
pair_extend             POST login 404   302   302   404   404   404   404   404   404
pair_close              GET  login 405   405   405   405   405   405   405   405   404
pair_close              POST login 404   200   200   404   404   404   404   404   404
pair_referral           GET  login 405   405   405   405   405   405   405   405   404
pair_referral           POST login 404   200   302   404   404   404   404   404   404
meeting_propose         GET  login 405   405   405   405   405   405   405   405   404
meeting_propose         POST login 404   200   200   404   404   404   404   404   404
meeting_move            GET  login 405   405   405   405   405   405   405   405   404
meeting_move            POST login 404   200   200   404   404   404   404   404   404
meeting_confirm         GET  login 405   405   405   405   405   405   405   405   404
meeting_confirm         POST login 404   302   200   404   404   404   404   404   404
meeting_cancel          GET  login 405   405   405   405   405   405   405   405   404
meeting_cancel          POST login 404   302   302   404   404   404   404   404   404
meeting_outcome         GET  login 405   405   405   405   405   405   405   405   404
meeting_outcome         POST login 404   200   200   404   404   404   404   404   404
meeting_summary         GET  login 405   405   405   405   405   405   405   405   404
meeting_summary         POST login 404   302   302   404   404   404   404   404   404
meeting_private_note    GET  login 405   405   405   405   405   405   405   405   404
meeting_private_note    POST login 404   302   302   404   404   404   404   404   404
action_item_add         GET  login 405   405   405   405   405   405   405   405   404
action_item_add         POST login 404   200   200   404   404   404   404   404   404
action_item_done        GET  login 405   405   405   405   405   405   405   405   404
action_item_done        POST login 404   200   200   404   404   404   404   404   404
meeting_ics             GET  login 404   200   200   404   404   404   404   404   404
meeting_ics             POST login 404   405   405   404   404   404   404   404   404
# -- Pairs: the managers' side (metadata only)
programme_pairs         GET  login 404   404   404   404   200   404   200   404   404
programme_pairs         POST login 404   404   404   404   405   404   405   404   404
staff_pair              GET  login 404   404   404   404   200   404   200   404   404
staff_pair              POST login 404   404   404   404   405   404   405   404   404
flag_resolve            GET  login 404   404   404   404   405   405   405   405   404
flag_resolve            POST login 404   404   404   404   302   404   302   404   404
pair_rematch            GET  login 404   404   404   404   405   405   405   405   404
pair_rematch            POST login 404   404   404   404   302   404   302   404   404
# -- Cohorts: members apply, managers screen
my_cohorts              GET  login 200   200   200   200   200   200   200   200   404
my_cohorts              POST login 405   405   405   405   405   405   405   405   404
cohort_apply            GET  login 200   200   200   200   200   200   200   404   404
cohort_apply            POST login 200   200   200   200   200   200   200   404   404
my_application          GET  login 404   200   404   404   404   404   404   404   404
my_application          POST login 404   405   404   404   404   404   404   404   404
application_withdraw    GET  login 405   405   405   405   405   405   405   405   404
application_withdraw    POST login 404   302   404   404   404   404   404   404   404
cohort_list             GET  login 404   404   404   404   200   404   200   404   404
cohort_list             POST login 404   404   404   404   405   404   405   404   404
cohort_create           GET  login 404   404   404   404   200   404   200   404   404
cohort_create           POST login 404   404   404   404   200   404   200   404   404
cohort_manage           GET  login 404   404   404   404   200   404   200   404   404
cohort_manage           POST login 404   404   404   404   405   404   405   404   404
cohort_edit             GET  login 404   404   404   404   200   404   200   404   404
cohort_edit             POST login 404   404   404   404   200   404   200   404   404
applications_export     GET  login 404   404   404   404   200   404   200   404   404
applications_export     POST login 404   404   404   404   405   404   405   404   404
cohort_questions        GET  login 404   404   404   404   200   404   200   404   404
cohort_questions        POST login 404   404   404   404   200   404   200   404   404
question_edit           GET  login 404   404   404   404   200   404   200   404   404
question_edit           POST login 404   404   404   404   200   404   200   404   404
question_delete         GET  login 404   404   404   404   405   405   405   405   404
question_delete         POST login 404   404   404   404   200   404   200   404   404
cohort_start_matching   GET  login 404   404   404   404   405   405   405   405   404
cohort_start_matching   POST login 404   404   404   404   302   404   302   404   404
cohort_reopen           GET  login 404   404   404   404   405   405   405   405   404
cohort_reopen           POST login 404   404   404   404   200   404   200   404   404
application_review      GET  login 404   404   404   404   200   404   200   404   404
application_review      POST login 404   404   404   404   405   404   405   404   404
application_screen      GET  login 404   404   404   404   405   405   405   405   404
application_screen      POST login 404   404   404   404   200   404   200   404   404
# -- Programme health and survey answers (issue 16)
programme_health        GET  login 404   404   404   404   200   404   200   404   404
programme_health        POST login 404   404   404   404   405   404   405   404   404
pair_ask_news           GET  login 404   404   404   404   405   405   405   405   404
pair_ask_news           POST login 404   404   404   404   302   404   302   404   404
pair_survey_answers     GET  login 404   404   404   404   200   404   404   404   404
pair_survey_answers     POST login 404   404   404   404   405   404   404   404   404
network_kpis            GET  login 404   404   404   404   404   404   200   200   404
network_kpis            POST login 404   404   404   404   404   404   405   405   404
kpi_export              GET  login 404   404   404   404   404   404   200   200   404
kpi_export              POST login 404   404   404   404   404   404   405   405   404
impact_report           GET  login 404   404   404   404   404   404   200   200   404
impact_report           POST login 404   404   404   404   404   404   405   405   404
# -- Survey template editor (issue 16): the programme's managers and the network admins
survey_templates        GET  login 404   404   404   404   200   404   200   404   404
survey_templates        POST login 404   404   404   404   405   404   405   404   404
survey_defaults         GET  login 404   404   404   404   405   405   405   405   404
survey_defaults         POST login 404   404   404   404   302   404   302   404   404
survey_template         GET  login 404   404   404   404   200   404   200   404   404
survey_template         POST login 404   404   404   404   200   404   200   404   404
survey_question_add     GET  login 404   404   404   404   200   404   200   404   404
survey_question_add     POST login 404   404   404   404   200   404   200   404   404
survey_question_edit    GET  login 404   404   404   404   200   404   200   404   404
survey_question_edit    POST login 404   404   404   404   200   404   200   404   404
survey_question_remove  GET  login 404   404   404   404   405   405   405   405   404
survey_question_remove  POST login 404   404   404   404   302   404   302   404   404
survey_question_move    GET  login 404   404   404   404   405   405   405   405   404
survey_question_move    POST login 404   404   404   404   200   404   200   404   404
# -- Cohorts: matching runs, review, manual swaps
run_launch              GET  login 404   404   404   404   405   405   405   405   404
run_launch              POST login 404   404   404   404   200   404   200   404   404
run_new                 GET  login 404   404   404   404   200   404   200   404   404
run_new                 POST login 404   404   404   404   405   404   405   404   404
run_compare             GET  login 404   404   404   404   200   404   200   404   404
run_compare             POST login 404   404   404   404   405   404   405   404   404
run_preview             GET  login 404   404   404   404   200   404   200   404   404
run_preview             POST login 404   404   404   404   405   404   405   404   404
run_detail              GET  login 404   404   404   404   200   404   200   404   404
run_detail              POST login 404   404   404   404   405   404   405   404   404
run_progress            GET  login 404   404   404   404   200   404   200   404   404
run_progress            POST login 404   404   404   404   405   404   405   404   404
run_mentee              GET  login 404   404   404   404   200   404   200   404   404
run_mentee              POST login 404   404   404   404   405   404   405   404   404
run_pin                 GET  login 404   404   404   404   405   405   405   405   404
run_pin                 POST login 404   404   404   404   200   404   200   404   404
run_forbid              GET  login 404   404   404   404   405   405   405   405   404
run_forbid              POST login 404   404   404   404   200   404   200   404   404
run_publish             GET  login 404   404   404   404   405   405   405   405   404
run_publish             POST login 404   404   404   404   302   404   302   404   404
run_export              GET  login 404   404   404   404   200   404   200   404   404
run_export              POST login 404   404   404   404   405   404   405   404   404
cohort_rematch          GET  login 404   404   404   404   200   404   200   404   404
cohort_rematch          POST login 404   404   404   404   200   404   200   404   404
"""
# fmt: on


def _parse(table: str) -> dict[tuple[str, str], dict[str, str]]:
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, method, *statuses = line.split()
        if len(statuses) != len(PERSONAS) or method not in {"GET", "POST"}:
            raise ValueError(f"Malformed access row: {line!r}")
        if (name, method) in rows:
            raise ValueError(f"Duplicate access row: {line!r}")
        rows[(name, method)] = dict(zip(PERSONAS, statuses, strict=True))
    return rows


ROWS = _parse(TABLE)

# Rows that fail today for a known defect: the test is an xfail(strict=True) until it is fixed,
# then the row passes, the xfail turns red, and this entry goes.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def url_kwargs(world: World, name: str, argument_names: list[str]) -> dict[str, Any]:
    builders = {**ARGUMENTS, **OVERRIDES.get(name, {})}
    unknown = [arg for arg in argument_names if arg not in builders]
    if unknown:
        raise KeyError(f"{name}: no builder for {unknown}; add one to ARGUMENTS or OVERRIDES")
    return {arg: builders[arg](world) for arg in argument_names}
