"""Word pools for plausible demo profiles, in French and English."""

from __future__ import annotations

import random

from binome_engine import taxonomy

PROGRAMMES = (
    (
        "accompagnement",
        "AX Carrières — accompagnement",
        "on_demand",
        "Un membre demande de l'aide ; un entretien d'accueil d'une heure ; une liste de mentors "
        "potentiels ; le mentoré choisit ; 6 séances recommandées sur 6 mois.",
    ),
    (
        "etudiants-2026",
        "Mentorat étudiants 2026",
        "cohort",
        "Chaque élève de dernière année est accompagné par un ancien pendant l'année.",
    ),
    (
        "meet-and-share",
        "Meet & Share",
        "flash",
        "Une heure d'échange sur une question précise, avec un ancien qui connaît le sujet.",
    ),
    (
        "speed-mentoring-printemps",
        "Soirée speed-mentoring de printemps",
        "speed",
        "Une soirée, plusieurs tours de 15 minutes, des rencontres choisies pour leur pertinence.",
    ),
)

CHARTER_FR = (
    "Le mentor et le mentoré s'engagent à :\n"
    "1. respecter la confidentialité absolue de leurs échanges ;\n"
    "2. se rencontrer une à deux fois par mois, six séances étant recommandées ;\n"
    "3. prévenir l'association si la relation ne fonctionne pas ;\n"
    "4. le mentor ne se substitue pas à un professionnel (coach, bilan de compétences) : "
    "il oriente vers l'association quand le besoin dépasse l'aide bénévole."
)
CHARTER_EN = (
    "The mentor and the mentee commit to:\n"
    "1. keep their exchanges strictly confidential;\n"
    "2. meet once or twice a month, six meetings being recommended;\n"
    "3. tell the association if the relationship does not work;\n"
    "4. the mentor does not replace a professional (coach, skills assessment): they refer to the "
    "association when the need goes beyond volunteer help."
)

DEGREES = (
    "Ingénieur polytechnicien",
    "Master",
    "Doctorat",
    "MBA",
    "Ingénieur",
    "Mastère spécialisé",
)

_GENERIC = (
    "Capgemini",
    "Accenture",
    "Sopra Steria",
    "Bpifrance",
    "CNRS",
    "Ministère de l'Économie",
)
EMPLOYERS: dict[str, tuple[str, ...]] = {
    "energy": ("EDF", "TotalEnergies", "Engie", "RTE", "Orano", "Neoen"),
    "banking": ("BNP Paribas", "Société Générale", "Crédit Agricole CIB", "Natixis", "Lazard"),
    "insurance": ("AXA", "CNP Assurances", "Allianz France", "Generali"),
    "asset_management": ("Amundi", "Tikehau Capital", "Ardian", "Eurazeo"),
    "consulting": ("McKinsey", "BCG", "Bain", "Roland Berger", "Wavestone", "Kearney"),
    "software": ("Dassault Systèmes", "Mistral AI", "Doctolib", "Datadog", "Criteo", "Alan"),
    "telecom": ("Orange", "SFR", "Bouygues Telecom", "Free", "Nokia"),
    "aerospace": ("Airbus", "Safran", "Thales Alenia Space", "ArianeGroup", "Dassault Aviation"),
    "defence": ("Thales", "Naval Group", "MBDA", "Nexter", "DGA"),
    "automotive": ("Stellantis", "Renault", "Valeo", "Forvia", "Michelin"),
    "transport": ("SNCF", "RATP", "CMA CGM", "Air France-KLM", "Geodis"),
    "construction": ("Vinci", "Bouygues Construction", "Eiffage", "Egis", "Setec"),
    "chemicals": ("Arkema", "Air Liquide", "Saint-Gobain", "Solvay"),
    "pharma": ("Sanofi", "Servier", "Ipsen", "bioMérieux", "AP-HP"),
    "agrifood": ("Danone", "Lactalis", "Pernod Ricard", "InVivo"),
    "retail": ("Carrefour", "Decathlon", "Leroy Merlin", "Fnac Darty"),
    "luxury": ("LVMH", "L'Oréal", "Hermès", "Kering", "Chanel"),
    "media": ("Radio France", "Le Monde", "Ubisoft", "France Télévisions"),
    "public_sector": ("Ministère des Armées", "Cour des comptes", "Banque de France", "Insee"),
    "research": ("CNRS", "CEA", "Inria", "Institut Pasteur", "École polytechnique"),
    "nonprofit": ("Fondation de France", "Croix-Rouge française", "Ashoka", "France Active"),
    "real_estate": ("Gecina", "Icade", "Nexity", "Unibail-Rodamco-Westfield"),
    "environment": ("Veolia", "Suez", "Carbone 4", "Ademe"),
    "industry": ("Schneider Electric", "Legrand", "Alstom", "Vallourec", "Saint-Gobain"),
}
for _code, _fr, _en in taxonomy.SECTORS:
    EMPLOYERS.setdefault(_code, _GENERIC)

PLACES = (
    ("FR", "Paris"),
    ("FR", "Paris"),
    ("FR", "Paris"),
    ("FR", "Lyon"),
    ("FR", "Toulouse"),
    ("FR", "Grenoble"),
    ("FR", "Marseille"),
    ("FR", "Nantes"),
    ("FR", "Lille"),
    ("FR", "Saclay"),
    ("GB", "London"),
    ("CH", "Genève"),
    ("DE", "München"),
    ("US", "New York"),
    ("US", "San Francisco"),
    ("SG", "Singapore"),
    ("BE", "Bruxelles"),
    ("CA", "Montréal"),
)

SKILLS = (
    "négociation",
    "management d'équipe",
    "levée de fonds",
    "Python",
    "stratégie",
    "finance",
    "gestion de projet",
    "prise de parole",
    "recrutement",
    "transformation digitale",
    "machine learning",
    "photovoltaïque",
    "hydrogène",
    "M&A",
    "lean",
    "product management",
    "cybersécurité",
    "réglementation",
    "supply chain",
    "marketing B2B",
    "leadership",
    "conduite du changement",
    "data engineering",
    "due diligence",
    "innovation",
)

GOALS = (
    "Transmettre ce que j'ai appris et rester en contact avec les jeunes générations.",
    "Réfléchir à la suite de ma carrière.",
    "Passer de la recherche à l'industrie.",
    "Préparer une création d'entreprise.",
    "I would like to help younger alumni find their way.",
    "Prendre un premier poste de manager.",
    "Work abroad for a few years.",
)

_POSITIONS = {
    "general_management": (
        "Directeur général",
        "Directrice générale adjointe",
        "Chief Operating Officer",
    ),
    "finance": ("Directrice financière", "Contrôleur de gestion", "Analyste financier"),
    "strategy": ("Directeur de la stratégie", "Responsable stratégie", "Strategy manager"),
    "engineering": ("Ingénieure d'études", "Chef de projet ingénierie", "Directeur technique"),
    "rnd": ("Chercheur", "Directeur R&D", "Ingénieur de recherche"),
    "data": ("Data scientist", "Head of Data", "Ingénieure machine learning"),
    "software_dev": ("Développeur", "CTO", "Lead developer"),
    "product": ("Product manager", "Head of Product", "Cheffe de produit"),
    "operations": ("Directeur d'usine", "Responsable des opérations", "Plant manager"),
    "supply_chain": ("Directrice des achats", "Supply chain manager", "Acheteur"),
    "sales": ("Directeur commercial", "Key account manager", "Ingénieure d'affaires"),
    "marketing": ("Directrice marketing", "Responsable communication", "Brand manager"),
    "hr": ("DRH", "Responsable recrutement", "HR business partner"),
    "legal": ("Directrice juridique", "Juriste", "Compliance officer"),
    "project_management": ("Chef de projet", "Directrice de programme", "PMO"),
    "entrepreneur": ("Fondatrice", "Cofondateur et CEO", "Entrepreneur"),
    "teaching": ("Professeur", "Maîtresse de conférences", "Directeur des études"),
    "public_policy": ("Conseiller ministériel", "Sous-directrice", "Chargé de mission"),
}

_BIO_FR = (
    "{years} ans d'expérience dans le secteur {sector_fr}, aujourd'hui en {function_fr}. "
    "J'ai travaillé sur {topic} et j'aime aider les plus jeunes à y voir clair.",
    "Après un début de carrière en {function_fr}, je me suis spécialisé·e dans {sector_fr}. "
    "Je peux parler {topic}, changement de poste et équilibre de vie.",
    "Parcours : {function_fr} puis management, toujours dans {sector_fr}. Sujets de prédilection : "
    "{topic}, premier poste, négociation salariale.",
)
_BIO_EN = (
    "{years} years in {sector_en}, now in {function_en}. I have worked on {topic} and enjoy "
    "helping younger alumni find their way.",
    "Started in {function_en}, then moved into {sector_en}. Happy to talk about {topic}, career "
    "moves and work-life balance.",
)
_TOPICS = {
    "energy": ("les énergies renouvelables et le photovoltaïque", "solar power and the grid"),
    "software": (
        "les start-up du logiciel et la levée de fonds",
        "software start-ups and fundraising",
    ),
    "research": ("le passage de la recherche à l'industrie", "moving from research to industry"),
    "consulting": ("le conseil en stratégie", "strategy consulting"),
    "banking": ("la banque d'investissement", "investment banking"),
    "aerospace": ("les programmes spatiaux", "space programmes"),
}


def position(rng: random.Random, function: str, years: int) -> str:
    titles = _POSITIONS.get(function, ("Ingénieur",))
    return titles[0] if years > 20 else rng.choice(titles)


def languages(rng: random.Random) -> list[str]:
    spoken = ["fr", "en"] if rng.random() < 0.85 else ["fr"]
    if rng.random() < 0.25:
        spoken.append(rng.choice(["de", "es", "it", "zh", "ar", "pt"]))
    return spoken


def bio(rng: random.Random, sector: str, function: str, language: str, class_year: int) -> str:
    sector_fr = taxonomy.label(taxonomy.SECTORS, sector, "fr").lower()
    sector_en = taxonomy.label(taxonomy.SECTORS, sector, "en").lower()
    function_fr = taxonomy.label(taxonomy.FUNCTIONS, function, "fr").lower()
    function_en = taxonomy.label(taxonomy.FUNCTIONS, function, "en").lower()
    topic_fr, topic_en = _TOPICS.get(sector, (f"le secteur {sector_fr}", sector_en))
    values = {
        "years": max(1, 2026 - class_year - 2),
        "sector_fr": sector_fr,
        "sector_en": sector_en,
        "function_fr": function_fr,
        "function_en": function_en,
    }
    if language == "en":
        return rng.choice(_BIO_EN).format(topic=topic_en, **values)
    return rng.choice(_BIO_FR).format(topic=topic_fr, **values)


# Job titles agree with the person (French titles are gendered): first word only.
_FEMININE = {
    "Directeur": "Directrice",
    "Ingénieur": "Ingénieure",
    "Chef": "Cheffe",
    "Chercheur": "Chercheuse",
    "Fondateur": "Fondatrice",
    "Cofondateur": "Cofondatrice",
    "Conseiller": "Conseillère",
    "Acheteur": "Acheteuse",
    "Développeur": "Développeuse",
    "Professeur": "Professeure",
    "Chargé": "Chargée",
    "Contrôleur": "Contrôleuse",
    "Sous-directeur": "Sous-directrice",
    "Maître": "Maîtresse",
    "Analyste": "Analyste",
}
_MASCULINE = {feminine: masculine for masculine, feminine in _FEMININE.items()}


def gendered(title: str, *, woman: bool) -> str:
    first, _space, rest = title.partition(" ")
    table = _FEMININE if woman else _MASCULINE
    first = table.get(first, first)
    if woman:
        rest = " ".join(_ADJECTIVES.get(word, word) for word in rest.split())
    return f"{first} {rest}".strip()


_ADJECTIVES = {
    "commercial": "commerciale",
    "général": "générale",
    "financier": "financière",
    "technique": "technique",
    "adjoint": "adjointe",
    "ministériel": "ministérielle",
}
