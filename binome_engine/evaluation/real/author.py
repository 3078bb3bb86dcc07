"""Writes the frozen evaluation files (``mentors.json``, ``requests.json``, ``labels.json``).

Run once by hand (``python -m binome_engine.evaluation.real.author``); the files it wrote are
committed and the evaluation reads only them. Mentor profiles are assembled from the
hand-written worlds (``worlds.py``) and traps (``traps.py``) with a fixed seed: a title and an
employer of the world, one or two sentences of what they do, perhaps past jobs in the worlds
people come from, a typo now and then, and form codes ticked as a person would (often right,
sometimes empty or a neighbour). Grades follow the rubric in ``README.md`` (``grade`` below),
from what each person really does, not from the codes the engine sees.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from binome_engine.evaluation.real.requests import REQUESTS
from binome_engine.evaluation.real.traps import FALSE_FRIENDS, WANNABE
from binome_engine.evaluation.real.worlds import WORLDS

HERE = Path(__file__).parent
UTC = {"FR": 1, "GB": 0, "US": -5, "CA": -5, "CH": 1, "BE": 1, "DE": 1, "SG": 8, "IT": 1}
ELSEWHERE = (
    ("Lyon", "FR"),
    ("Bordeaux", "FR"),
    ("Lille", "FR"),
    ("Marseille", "FR"),
    ("London", "GB"),
    ("New York", "US"),
    ("Montréal", "CA"),
    ("Genève", "CH"),
    ("Bruxelles", "BE"),
    ("Singapore", "SG"),
    ("Munich", "DE"),
    ("Paris", "FR"),
)
INTRO_FR = (
    "{title} chez {employer}.",
    "Actuellement {title} chez {employer} ({city}).",
    "{years} ans d'expérience, aujourd'hui {title} chez {employer}.",
    "",
)
INTRO_EN = (
    "{title} at {employer}.",
    "Currently {title} at {employer}, based in {city}.",
    "{years} years of experience, now {title} at {employer}.",
    "",
)
OFFER_FR = (
    "Je peux aider sur les entretiens, le réseau et les choix de carrière.",
    "Dispo pour un café ou un appel.",
    "Heureux d'échanger avec des jeunes alumni.",
    "N'hésitez pas à me contacter.",
    "",
)
OFFER_EN = (
    "Happy to help with interviews, networking and career choices.",
    "Glad to have a coffee or a call.",
    "Always happy to talk to younger alumni.",
    "",
)
ALL, REMOTE, MEET = "in_person;video;phone", "video;phone", "in_person;video"
# related worlds: a mentor there is a partial answer (grade 1) for a request aiming here
RELATED = {
    "pe": {"mna_bank", "vc"},
    "vc": {"pe", "startup"},
    "startup": {"vc", "cto"},
    "data_ml": {"quant"},
    "quant": {"data_ml"},
    "cto": {"startup"},
    "product": {"startup"},
}
# (world, city, country, years low-high, formats, count): people planted so that narrow
# requests (one city, a peer's years, in person only) have real answers
PLANTS = (
    ("startup", "Nantes", "FR", (10, 25), ALL, 2),
    ("startup", "Nantes", "FR", (12, 20), "video", 1),
    ("renewables", "Montpellier", "FR", (9, 25), ALL, 2),
    ("renewables", "Montpellier", "FR", (10, 20), "video;phone", 1),
    ("data_ml", "Lyon", "FR", (9, 20), MEET, 2),
    ("cto", "Lyon", "FR", (15, 25), ALL, 2),
    ("pharma_rd", "Lille", "FR", (5, 9), MEET, 2),
    ("supply_chain", "Lyon", "FR", (10, 25), ALL, 2),
    ("pharma_rd", "Basel", "CH", (10, 20), MEET, 2),
    ("data_ml", "Montréal", "CA", (9, 20), ALL, 2),
    ("public_policy", "Bruxelles", "BE", (10, 25), ALL, 2),
    ("quant", "New York", "US", (3, 7), ALL, 2),
    ("quant", "London", "GB", (10, 20), ALL, 2),
    ("pe", "Paris", "FR", (4, 8), ALL, 2),
    ("startup", "Paris", "FR", (4, 8), ALL, 2),
    ("data_ml", "Paris", "FR", (3, 7), ALL, 2),
    ("product", "Paris", "FR", (2, 6), ALL, 2),
    ("luxury_marketing", "Paris", "FR", (3, 7), ALL, 2),
    ("cto", "Paris", "FR", (8, 12), ALL, 2),
    ("aero", "Toulouse", "FR", (9, 25), ALL, 2),
    ("renewables", "Houston", "US", (10, 20), ALL, 2),
    ("pe", "New York", "US", (12, 20), ALL, 1),
    ("hr", "London", "GB", (12, 25), MEET, 2),
    ("vc", "London", "GB", (8, 15), ALL, 1),
    ("ngo", "London", "GB", (10, 20), ALL, 1),
    ("law", "Paris", "FR", (8, 20), ALL, 1),
    ("consulting", "London", "GB", (7, 12), ALL, 2),
    ("startup", "London", "GB", (8, 15), ALL, 1),
    ("renewables", "London", "GB", (10, 20), ALL, 3),
    ("pe", "London", "GB", (10, 20), MEET, 2),
    ("ngo", "London", "GB", (12, 20), ALL, 1),
    ("cto", "London", "GB", (3, 10), ALL, 2),
)
# (request id, world, employer as written): a colleague of the mentee in the target world
SUBSIDIARIES = (
    ("r28", "renewables", "Norvane Energy France"),
    ("r56", "renewables", "Norvane Energy"),
    ("r29", "renewables", "KPMG"),
    ("r13", "data_ml", "Sopra Steria Group"),
    ("r55", "data_ml", "Capgemini Invent"),
)


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _codes(world: str, rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.65:
        return WORLDS[world]["form"]
    if roll < 0.8:
        return ("", "")
    return rng.choice(WORLDS[world]["wrong_form"])


def _past(world: str, lang: str, rng: random.Random) -> tuple[str, list[str]]:
    origins = WORLDS[world]["origins"]
    if not origins or rng.random() < 0.4:
        return "", []
    picked = rng.sample(origins, k=min(len(origins), rng.choice((1, 1, 2))))
    parts = []
    for origin in picked:
        w = WORLDS[origin]
        title = rng.choice(w["titles_fr"] if lang == "fr" else w["titles_en"])
        name = rng.choice(w["employers"])[0]
        start = rng.randrange(2004, 2016)
        parts.append(f"{title}, {name} ({start}-{start + rng.randrange(2, 6)})")
    return "; ".join(parts), list(picked)


def mentor(mid: str, world: str, rng: random.Random, **over: Any) -> dict[str, Any]:
    w = WORLDS[world]
    lang = over.pop("lang", None) or ("fr" if rng.random() < 0.55 else "en")
    titles = w["titles_fr"] if lang == "fr" else w["titles_en"]
    if rng.random() < 0.2:  # franglais: the title in the other language
        titles = w["titles_en"] if lang == "fr" else w["titles_fr"]
    title = rng.choice(titles)
    employer, city, country = rng.choice(w["employers"])
    if rng.random() < 0.12:
        city, country = rng.choice(ELSEWHERE)
    years = rng.choice(
        (rng.randint(1, 5), rng.randint(6, 12), rng.randint(13, 32), rng.randint(13, 32))
    )
    does = w["does_fr"] if lang == "fr" else w["does_en"]
    intro = rng.choice(INTRO_FR if lang == "fr" else INTRO_EN)
    sentences = [
        intro.format(
            title=title.lower() if intro.startswith("{y") or "ui" in intro else title,
            employer=employer,
            city=city,
            years=years,
        )
    ]
    sentences += rng.sample(does, k=rng.choice((1, 2, 2)))
    sentences.append(rng.choice(OFFER_FR if lang == "fr" else OFFER_EN))
    bio = " ".join(s for s in sentences if s)
    if rng.random() < 0.2:
        bio = _typo(bio, rng)
    past, past_worlds = _past(world, lang, rng)
    if lang == "fr":
        languages = rng.choice(("fr;en", "fr;en", "fr;en", "fr"))
    else:
        languages = rng.choice(("en", "en;fr", "en;fr", "en;de"))
    themes = sorted(set(rng.sample(w["themes"], k=min(2, len(w["themes"])))))
    sector, function = _codes(world, rng)
    row: dict[str, Any] = {
        "id": mid,
        "world": world,
        "past_worlds": past_worlds,
        "lang": lang,
        "title": title,
        "employer": employer,
        "city": city,
        "country": country,
        "past_positions": past,
        "bio": bio,
        "sector": sector,
        "function": function,
        "languages": languages,
        "formats": rng.choice((ALL, ALL, ALL, REMOTE, MEET, "video")),
        "years_experience": years,
        "themes": ";".join(themes),
        "capacity": rng.choice((1, 1, 2, 2, 3, 0)) if rng.random() < 0.2 else rng.randint(1, 3),
        "is_paused": rng.random() < 0.03,
        "responsiveness": None if rng.random() < 0.5 else round(rng.uniform(0.2, 1.0), 2),
        "skills": "",
        "wannabe": "",
        "fools": "",
    }
    row.update(over)
    row["utc_offset"] = UTC.get(row["country"], 1)
    return row


def mentors() -> list[dict[str, Any]]:
    rng = random.Random(20261204)
    out: list[dict[str, Any]] = []
    for world in WORLDS:
        for _ in range(24):
            out.append(mentor(f"m{len(out) + 1:03d}", world, rng))
    for world, city, country, (low, high), formats, count in PLANTS:
        for _ in range(count):
            out.append(
                mentor(
                    f"m{len(out) + 1:03d}",
                    world,
                    rng,
                    city=city,
                    country=country,
                    years_experience=rng.randint(low, high),
                    formats=formats,
                    capacity=2,
                    is_paused=False,
                )
            )
    for target, (fr, en) in WANNABE.items():
        for origin in rng.sample(
            sorted({"audit", "esn", "consulting", "academia", "mna_bank"} - {target}), k=2
        ):
            row = mentor(f"m{len(out) + 1:03d}", origin, rng, capacity=2, is_paused=False)
            row["bio"] += " " + (fr if row["lang"] == "fr" else en)
            row["wannabe"] = target
            out.append(row)
    by_id = {r["id"]: r for r in REQUESTS}
    for rid, world, employer in SUBSIDIARIES:
        request = by_id[rid]
        city = request["target_city"] or request["city"]
        out.append(
            mentor(
                f"m{len(out) + 1:03d}",
                world,
                rng,
                employer=employer,
                city=city,
                country=request["target_country"],
                formats=ALL,
                capacity=2,
                is_paused=False,
                years_experience=request["years_experience"] + 8,
                subsidiary_of=rid,
            )
        )
    for ff in FALSE_FRIENDS:
        out.append(_false_friend(f"m{len(out) + 1:03d}", ff, rng))
    return out


def _false_friend(mid: str, ff: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return {
        "id": mid,
        "world": "other",
        "past_worlds": [],
        "lang": ff["lang"],
        "title": ff["title"],
        "employer": ff["employer"],
        "city": ff["city"],
        "country": ff["country"],
        "past_positions": ff["past"],
        "bio": ff["bio"],
        "sector": ff["codes"][0],
        "function": ff["codes"][1],
        "languages": "fr;en" if ff["lang"] == "fr" else "en;fr",
        "formats": ALL,
        "years_experience": ff["years"],
        "themes": "career_evolution",
        "capacity": 2,
        "is_paused": False,
        "responsiveness": None,
        "skills": "",
        "wannabe": "",
        "fools": ff["fools"],
        "utc_offset": UTC.get(ff["country"], 1),
    }


_SUFFIXES = {
    "us",
    "uk",
    "france",
    "sa",
    "sas",
    "se",
    "inc",
    "ltd",
    "plc",
    "llp",
    "group",
    "groupe",
    "gmbh",
}


def same_org(a: str, b: str) -> bool:
    """As a person reads two employers: one name is the other plus a place or a division."""
    x, y = ([w for w in n.lower().replace("é", "e").split() if w not in _SUFFIXES] for n in (a, b))
    shorter, longer = sorted((x, y), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def _seniority_cap(style: str, gap: int) -> int:
    if style == "classic":
        return 3 if gap >= 5 else 2 if gap >= 3 else 1
    if style == "peer":
        return 3 if abs(gap) <= 3 else 2 if abs(gap) <= 5 else 1
    return 3 if gap <= -3 else 2 if gap <= -1 else 1


def grade(r: dict[str, Any], m: dict[str, Any]) -> tuple[int, str]:
    """The rubric (README): a grade 0-3 and, for a planted trap, its kind."""
    if m["fools"] == r["goal"]:
        return 0, "false_friend"
    if m["world"] == r["now"] and r["now"] != r["goal"]:
        return 0, "current_world"
    if m["wannabe"] == r["goal"]:
        return 0, "still_in_old_job"
    if m["world"] == r["goal"]:
        base = 3
    elif m["world"] in RELATED.get(r["goal"], ()) or r["goal"] in m["past_worlds"]:
        base = 1
    else:
        return 0, ""
    kind = "" if base == 1 else "target"
    if same_org(m["employer"], r["employer"]):
        return 0, "own_employer" if base == 3 else ""
    if m["capacity"] <= 0 or m["is_paused"]:
        return 0, ""
    if not set(m["languages"].split(";")) & set(r["languages"].split(";")):
        return 0, ""
    target_city = r["target_city"] or r["city"]
    formats = set(r["formats"].split(";")) & set(m["formats"].split(";"))
    if m["city"] != target_city:
        formats.discard("in_person")
    if not formats:
        return 0, "wrong_format" if base == 3 else ""
    cap = _seniority_cap(r["style"], m["years_experience"] - r["years_experience"])
    if m["country"] != r["target_country"]:
        cap = min(cap, 1)
        kind = "wrong_place" if base == 3 else kind
    elif r["formats"] != ALL and "in_person" in r["formats"] and m["city"] != target_city:
        cap = min(cap, 2)
    return min(base, cap), kind


def labels(
    ms: list[dict[str, Any]], requests: tuple[dict[str, Any], ...] = REQUESTS
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in requests:
        grades, traps = {}, {}
        for m in ms:
            g, kind = grade(r, m)
            if g:
                grades[m["id"]] = g
            if kind and kind != "target" and g <= 1:
                traps[m["id"]] = kind
        out[r["id"]] = {"grades": grades, "distractors": traps}
    return out


def main() -> None:
    ms = mentors()
    public = [{k: v for k, v in m.items() if k not in _TRUTH} for m in ms]
    truth = {m["id"]: {k: m[k] for k in _TRUTH if k in m} for m in ms}
    requests = [{k: v for k, v in r.items() if k not in ("now", "goal")} for r in REQUESTS]
    request_truth = {r["id"]: {"now": r["now"], "goal": r["goal"]} for r in REQUESTS}
    for name, data in (
        ("mentors.json", public),
        ("requests.json", requests),
        ("labels.json", {"requests": request_truth, "mentors": truth, "pairs": labels(ms)}),
    ):
        (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


_TRUTH = ("world", "past_worlds", "wannabe", "fools", "subsidiary_of")

if __name__ == "__main__":
    main()
