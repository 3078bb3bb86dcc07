"""Twenty-four more requests, written by hand on 5 December 2026 after the engine was tuned on
the sixty of ``real``: a check that the tuning holds on requests it never saw.

Same form and truth as ``real.requests`` (``now`` and ``goal`` are for the grader only), the
same alumni profiles; other wording, other cities, other worlds to reach (audit, law, M&A,
aerospace, supply chain, luxury, public policy, NGOs, academia…), and the traps users set:
typos, abbreviations, franglais, form codes left empty or ticked next door.
"""

from __future__ import annotations

from typing import Any

from binome_engine.evaluation.real.requests import LONDON, PARIS, _r

REQUESTS: tuple[dict[str, Any], ...] = (
    _r(
        "h01",
        "fr",
        "classic",
        "audit",
        "mna_bank",
        PARIS,
        3,
        "Mazars",
        ("consulting", "finance", "banking", ""),
        "career_change",
        "3 ans d'audit financier, je m'ennuie un peu. Je voudrais rejoindre une banque d'affaires "
        "en M&A (boutique ou BB) : comment on fait quand on n'a pas fait de stage en corporate "
        "finance ? Qqn qui bosse en fusions-acquisitions aujourd'hui serait top.",
    ),
    _r(
        "h02",
        "en",
        "classic",
        "consulting",
        "mna_bank",
        LONDON,
        4,
        "Bain",
        ("consulting", "strategy", "banking", "finance"),
        "career_change;job_search",
        "Consultant at a strategy firm in London, 4 years. I keep working on commercial due "
        "diligences and would like to cross over to investment banking, M&A advisory. Looking for "
        "a banker who can tell me honestly whether lateral hires at associate level happen.",
        formats="in_person;video",
    ),
    _r(
        "h03",
        "fr",
        "classic",
        "consulting",
        "law",
        PARIS,
        2,
        "McKinley & Company",
        ("consulting", "", "", "legal"),
        "career_change",
        "Juriste de formation (M2 droit des affaires + CRFPA), j'ai fait 2 ans de conseil en "
        "stratégie. Je veux revenir au droit et devenir avocate en corporate / M&A dans un "
        "cabinet d'affaires parisien. Je cherche un(e) avocat(e) qui puisse me dire comment "
        "les cabinets voient ce parcours.",
    ),
    _r(
        "h04",
        "en",
        "classic",
        "academia",
        "pharma_rd",
        ("Lyon", "FR", "Basel", "CH"),
        6,
        "CNRS",
        ("research", "rnd", "pharma", "rnd"),
        "research_to_industry;international",
        "Biochemist, CNRS researcher for 6 years (protein engineering). I have an offer process "
        "going on with a big pharma in Basel for a drug discovery role and I would like to talk "
        "to someone who does R&D in pharma there: culture, career paths, moving to Switzerland.",
        formats="video;phone",
    ),
    _r(
        "h05",
        "fr",
        "classic",
        "oilgas",
        "renewables",
        PARIS,
        11,
        "TotalEnergies",
        ("energy", "engineering", "energy", ""),
        "career_change;meaning",
        "Ingé réservoir depuis 11 ans dans le pétrole, j'ai envie de bosser dans les EnR "
        "(éolien offshore, solaire). Mes compétences sont-elles transférables ? Je cherche "
        "quelqu'un qui développe des projets renouvelables aujourd'hui.",
    ),
    _r(
        "h06",
        "en",
        "classic",
        "consulting",
        "renewables",
        LONDON,
        5,
        "KPMG",
        ("consulting", "finance", "energy", ""),
        "career_change",
        "Deal advisory manager at KPMG London, 5 yrs, mostly infrastructure. I want to work on "
        "the developer side of renewable energy (wind, solar, storage) - project finance or "
        "development. Who could explain how developers hire people like me?",
        formats="in_person;video",
    ),
    _r(
        "h07",
        "fr",
        "classic",
        "esn",
        "data_ml",
        ("Toulouse", "FR", "Toulouse", "FR"),
        4,
        "Sopra Steria",
        ("software", "software_dev", "software", "data"),
        "career_evolution",
        "Dév Java en ESN depuis 4 ans, je me forme au machine learning le soir (Kaggle, cours "
        "en ligne). Je voudrais devenir data scientist pour de vrai. Un data scientist ou ML "
        "engineer sur Toulouse ou en visio pour m'aider à construire mon plan ?",
        formats="in_person;video",
    ),
    _r(
        "h08",
        "en",
        "peer",
        "product",
        "cto",
        PARIS,
        9,
        "Doctolib",
        ("software", "product", "software", "software_dev"),
        "leadership",
        "Product lead, 9 years, ex-engineer. Our start-up may need me as interim CTO. I'd like "
        "a peer who is CTO or VP engineering today to talk about hiring, architecture decisions "
        "and managing engineering managers.",
    ),
    _r(
        "h09",
        "fr",
        "classic",
        "audit",
        "consulting",
        ("Lyon", "FR", "Paris", "FR"),
        3,
        "Deloitte",
        ("consulting", "finance", "consulting", "strategy"),
        "career_change;job_search",
        "Auditeur à Lyon (3 ans), je vise le conseil en stratégie à Paris, MBB ou cabinets tier 2. "
        "Comment se préparer aux case interviews ? J'aimerais échanger avec un consultant en "
        "stratégie en poste.",
    ),
    _r(
        "h10",
        "en",
        "classic",
        "academia",
        "quant",
        LONDON,
        5,
        "Imperial College",
        ("research", "rnd", "banking", ""),
        "research_to_industry;job_search",
        "Postdoc in applied maths (stochastic PDEs) in London. Hedge funds and banks keep "
        "contacting me for quant researcher roles. I'd like to speak with a quant working in "
        "systematic trading to understand the job and the interview process.",
        formats="in_person;video",
    ),
    _r(
        "h11",
        "fr",
        "classic",
        "public_policy",
        "ngo",
        PARIS,
        8,
        "Ministère de l'Économie",
        ("public_sector", "public_policy", "nonprofit", ""),
        "meaning;career_change",
        "Administrateur civil depuis 8 ans à Bercy. Je cherche du sens et envisage de rejoindre "
        "une ONG ou une association (humanitaire, solidarité internationale). Qui dirige ou "
        "travaille dans une ONG et pourrait me parler franchement du secteur associatif ?",
    ),
    _r(
        "h12",
        "en",
        "classic",
        "consulting",
        "public_policy",
        ("Paris", "FR", "Bruxelles", "BE"),
        6,
        "Roland Berger",
        ("consulting", "strategy", "public_sector", "public_policy"),
        "career_change;international",
        "Six years in consulting, lots of public-sector work. I'd like to work on EU policy in "
        "Brussels (Commission, permanent representation, or a think tank). Looking for someone in "
        "EU affairs there who can explain the routes in, including the concours.",
        formats="in_person;video",
    ),
    _r(
        "h13",
        "fr",
        "reverse",
        "hr",
        "data_ml",
        PARIS,
        18,
        "Legrand",
        ("industry", "hr", "", "data"),
        "career_evolution",
        "DRH d'un groupe industriel, 18 ans d'expérience. Je dois piloter un projet d'IA pour les "
        "RH et je n'y comprends pas grand chose : je cherche un·e jeune data scientist pour du "
        "reverse mentoring, m'expliquer le ML sans jargon.",
    ),
    _r(
        "h14",
        "en",
        "classic",
        "audit",
        "hr",
        LONDON,
        5,
        "Grant Thornton",
        ("consulting", "finance", "", "hr"),
        "career_change",
        "Auditor, 5 years, and the part I love is coaching juniors and running the graduate "
        "intake. I'm thinking of moving into HR / people roles (talent, HRBP). Would like to talk "
        "to an HR professional in London about how to make the switch.",
        formats="in_person;video",
    ),
    _r(
        "h15",
        "fr",
        "classic",
        "aero",
        "supply_chain",
        ("Toulouse", "FR", "Lyon", "FR"),
        7,
        "ArianeGroup",
        ("aerospace", "engineering", "industry", "supply_chain"),
        "career_change",
        "Ingénieur qualité chez un motoriste depuis 7 ans, je déménage à Lyon l'an prochain et "
        "je voudrais passer en supply chain / achats industriels. Quelqu'un dans la logistique "
        "ou les achats en région lyonnaise pour un café ?",
        formats="in_person",
    ),
    _r(
        "h16",
        "en",
        "classic",
        "mna_bank",
        "vc",
        LONDON,
        5,
        "Lazare Frères Banque",
        ("banking", "finance", "asset_management", "finance"),
        "career_change",
        "Banker, 5 years in tech M&A. I want to join a venture capital fund as an investor "
        "(Series A/B). Looking for a VC in London who came from banking and can tell me what "
        "partners look for.",
        formats="in_person;video",
    ),
    _r(
        "h17",
        "fr",
        "classic",
        "law",
        "startup",
        PARIS,
        6,
        "Bredin Prat",
        ("", "legal", "", "entrepreneur"),
        "entrepreneurship",
        "Avocat en droit des sociétés, 6 ans, je veux monter une legaltech. Je cherche un "
        "entrepreneur qui a fondé sa boîte pour parler cofondateurs, premiers clients et comment "
        "on lâche un CDI confortable.",
    ),
    _r(
        "h18",
        "en",
        "classic",
        "consulting",
        "luxury_marketing",
        PARIS,
        4,
        "Bain",
        ("consulting", "strategy", "luxury", "marketing"),
        "career_change",
        "Strategy consultant (4 years, consumer goods practice). I'd like to move into brand "
        "marketing at a luxury maison - fashion or leather goods. Looking for someone in luxury "
        "marketing who can tell me which roles open to ex-consultants.",
    ),
    _r(
        "h19",
        "fr",
        "peer",
        "data_ml",
        "product",
        PARIS,
        5,
        "Owkin",
        ("software", "data", "software", "product"),
        "career_evolution",
        "Data scientist depuis 5 ans, je veux passer PM (product manager). Je cherche un PM de "
        "mon âge, qui a peut-être fait le même chemin, pour parler roadmap, discovery et comment "
        "convaincre un recruteur.",
    ),
    _r(
        "h20",
        "en",
        "classic",
        "academia",
        "aero",
        ("Paris", "FR", "Toulouse", "FR"),
        4,
        "Université Paris-Saclay",
        ("research", "rnd", "aerospace", "engineering"),
        "research_to_industry",
        "PhD in fluid mechanics + 2 postdocs. I'd love to work on aircraft or launcher design in "
        "Toulouse. Looking for an engineer in the aerospace industry to understand how R&D is "
        "organised and how PhDs are hired.",
        formats="video;phone",
    ),
    _r(
        "h21",
        "fr",
        "classic",
        "ngo",
        "hr",
        ("Lyon", "FR", "Lyon", "FR"),
        6,
        "Secours populaire",
        ("nonprofit", "", "", "hr"),
        "career_change",
        "Coordinatrice bénévoles dans une asso depuis 6 ans. Je voudrais me reconvertir dans les "
        "RH en entreprise (recrutement, formation). Une personne RH sur Lyon pour me conseiller "
        "sur les formations et la façon de valoriser mon expérience ?",
        formats="in_person;video",
    ),
    _r(
        "h22",
        "en",
        "classic",
        "academia",
        "data_ml",
        ("Montréal", "CA", "Montréal", "CA"),
        3,
        "McGill University",
        ("research", "rnd", "software", "data"),
        "research_to_industry;job_search",
        "PhD student in computational neuroscience at McGill, graduating next year. I want an "
        "industry job in machine learning here in Montreal. Looking for an ML engineer or applied "
        "scientist to help me aim my CV.",
        formats="in_person;video",
        languages="en;fr",
    ),
    _r(
        "h23",
        "fr",
        "classic",
        "cto",
        "vc",
        PARIS,
        12,
        "Spendesk",
        ("software", "software_dev", "asset_management", ""),
        "career_change",
        "CTO de scale-up, 12 ans de tech. Plusieurs fonds m'ont proposé de devenir operating "
        "partner ou investisseur. Je voudrais parler à quelqu'un qui investit en VC aujourd'hui "
        "pour comprendre le métier côté fonds.",
    ),
    _r(
        "h24",
        "mixed",
        "classic",
        "supply_chain",
        "consulting",
        PARIS,
        6,
        "Legrand",
        ("industry", "supply_chain", "consulting", ""),
        "career_change",
        "Supply chain manager chez un industriel, 6 ans. Je veux passer en conseil (ops / "
        "strategy). Looking for a consultant who can tell me if an experienced hire from industry "
        "has a chance, et comment préparer les cases.",
    ),
)
