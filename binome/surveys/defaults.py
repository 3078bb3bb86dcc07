"""The surveys every programme starts with, by programme kind (French and English).

Stored as rows when the programme is first surveyed, so a programme's team can change its own
copy. The impact set is read by code: ``next_step_before`` / ``next_step_after`` (the AFEV
"clearer view of my next step" measure), ``goals_reached``, ``recommend`` (NPS) and
``would_mentor`` (a mentee ready to mentor in turn); ``mentor_again`` (a mentor ready to go again).
These and ``satisfaction`` (the key figures) and ``fit`` (the re-match offer) are built in: the
template editor keeps them, with their kind and choices (``BUILT_IN``).
"""

from __future__ import annotations

from dataclasses import dataclass

from binome.surveys.models import Audience, Moment, QuestionKind, Visibility

K, A, V = QuestionKind, Audience, Visibility


@dataclass(frozen=True)
class Q:
    code: str
    kind: str
    fr: str
    en: str
    audience: str = A.BOTH
    visibility: str = V.AGGREGATE
    choices: tuple[tuple[str, str, str], ...] = ()
    required: bool = False


YES_PARTLY_NO = (("yes", "Oui", "Yes"), ("partly", "En partie", "Partly"), ("no", "Non", "No"))
YES_MAYBE_NO = (
    ("yes", "Oui", "Yes"),
    ("maybe", "Peut-être", "Maybe"),
    ("no", "Non", "No"),
)
FIT = (
    ("good", "Oui, c’est un bon binôme", "Yes, it is a good pair"),
    ("unsure", "Je ne sais pas encore", "I cannot tell yet"),
    ("not_good", "Non, ce n’est pas le bon binôme", "No, this is not a good fit"),
)
RHYTHM = (
    ("right", "Le bon rythme", "The right pace"),
    ("too_few", "Pas assez de séances", "Not enough meetings"),
    ("too_many", "Trop de séances", "Too many meetings"),
)

FIRST_MEETING = (
    Q(
        "fit",
        K.SINGLE,
        "Après cette première séance, diriez-vous que c’est un bon binôme ?",
        "After this first meeting, would you say this is a good pair?",
        visibility=V.STAFF,
        choices=FIT,
        required=True,
    ),
    Q(
        "first_useful",
        K.SCALE,
        "Cette première séance vous a-t-elle été utile ? (1 = pas du tout, 5 = tout à fait)",
        "Was this first meeting useful to you? (1 = not at all, 5 = very)",
    ),
    Q(
        "first_comment",
        K.TEXT,
        "Un mot pour l’équipe du programme (facultatif)",
        "A word for the programme team (optional)",
        visibility=V.STAFF,
    ),
    Q(
        "first_word_to_pair",
        K.TEXT,
        "Un mot pour votre binôme, qu’il ou elle seul·e lira (facultatif)",
        "A word for the other member of your pair, for them only (optional)",
        visibility=V.PAIR,
    ),
)
MID_TERM = (
    Q(
        "progress",
        K.SCALE,
        "Le binôme avance-t-il vers ses objectifs ? (1 = pas du tout, 5 = tout à fait)",
        "Is the pair moving towards its goals? (1 = not at all, 5 = very much)",
        required=True,
    ),
    Q("rhythm", K.SINGLE, "Le rythme des séances", "The pace of meetings", choices=RHYTHM),
    Q(
        "needs_help",
        K.SINGLE,
        "Souhaitez-vous un point avec l’équipe du programme ?",
        "Would you like a word with the programme team?",
        visibility=V.STAFF,
        choices=(("yes", "Oui", "Yes"), ("no", "Non", "No")),
    ),
    Q(
        "mid_comment",
        K.TEXT,
        "Un mot pour l’équipe du programme (facultatif)",
        "A word for the programme team (optional)",
        visibility=V.STAFF,
    ),
)
END_IMPACT = (
    Q(
        "next_step_before",
        K.SCALE,
        "Avant le mentorat, votre prochaine étape professionnelle était-elle claire ? (1 à 5)",
        "Before the mentoring, how clear was your next professional step? (1 to 5)",
        audience=A.MENTEE,
        required=True,
    ),
    Q(
        "next_step_after",
        K.SCALE,
        "Aujourd’hui, votre prochaine étape professionnelle est-elle claire ? (1 à 5)",
        "Today, how clear is your next professional step? (1 to 5)",
        audience=A.MENTEE,
        required=True,
    ),
    Q(
        "goals_reached",
        K.SINGLE,
        "Le binôme a-t-il atteint ses objectifs ?",
        "Did the pair reach its goals?",
        choices=YES_PARTLY_NO,
    ),
    Q(
        "satisfaction",
        K.SCALE,
        "Votre satisfaction d’ensemble (1 à 5)",
        "Your overall satisfaction (1 to 5)",
        required=True,
    ),
    Q(
        "recommend",
        K.NPS,
        "Recommanderiez-vous le programme à un proche ? (0 à 10)",
        "How likely are you to recommend the programme to a friend? (0 to 10)",
    ),
    Q(
        "would_mentor",
        K.SINGLE,
        "Seriez-vous prêt·e à devenir mentor à votre tour ?",
        "Would you mentor someone in turn?",
        audience=A.MENTEE,
        choices=YES_MAYBE_NO,
    ),
    Q(
        "mentor_again",
        K.SINGLE,
        "Seriez-vous prêt·e à accompagner un·e autre mentoré·e ?",
        "Would you mentor someone again?",
        audience=A.MENTOR,
        choices=YES_MAYBE_NO,
    ),
    Q(
        "end_comment",
        K.TEXT,
        "Un mot pour l’équipe du programme (facultatif)",
        "A word for the programme team (optional)",
        visibility=V.STAFF,
    ),
    Q(
        "word_to_pair",
        K.TEXT,
        "Un mot pour votre binôme, qu’il ou elle seul·e lira (facultatif)",
        "A word for the other member of your pair, for them only (optional)",
        visibility=V.PAIR,
    ),
)
FLASH_END = (
    Q(
        "satisfaction",
        K.SCALE,
        "Cet échange vous a-t-il été utile ? (1 à 5)",
        "Was this exchange useful to you? (1 to 5)",
        required=True,
    ),
    Q(
        "recommend",
        K.NPS,
        "Recommanderiez-vous ce format à un proche ? (0 à 10)",
        "How likely are you to recommend this format to a friend? (0 to 10)",
    ),
    Q(
        "would_mentor",
        K.SINGLE,
        "Seriez-vous prêt·e à devenir mentor à votre tour ?",
        "Would you mentor someone in turn?",
        audience=A.MENTEE,
        choices=YES_MAYBE_NO,
    ),
    Q(
        "end_comment",
        K.TEXT,
        "Un mot pour l’équipe (facultatif)",
        "A word for the team (optional)",
        visibility=V.STAFF,
    ),
)

TITLES = {
    Moment.FLASH: ("Votre échange flash", "Your flash exchange"),
    Moment.FIRST_MEETING: ("Votre première séance", "Your first meeting"),
    Moment.MID_TERM: ("Point d’étape à mi-parcours", "Mid-term check-in"),
    Moment.END: ("Bilan de votre mentorat", "Looking back on your mentoring"),
}
LONG_PAIRS: dict[str, tuple[Q, ...]] = {
    Moment.FIRST_MEETING: FIRST_MEETING,
    Moment.MID_TERM: MID_TERM,
    Moment.END: END_IMPACT,
}
DEFAULTS: dict[str, dict[str, tuple[Q, ...]]] = {
    "on_demand": LONG_PAIRS,
    "cohort": LONG_PAIRS,
    "flash": {Moment.FLASH: FLASH_END},
    "speed": {Moment.END: FLASH_END},
}

# Questions the code reads by their code: never removed, their kind and choices kept.
BUILT_IN: dict[str, str] = {
    "next_step_before": "kpi",
    "next_step_after": "kpi",
    "goals_reached": "kpi",
    "recommend": "kpi",
    "would_mentor": "kpi",
    "satisfaction": "kpi",
    "fit": "rematch",
}
