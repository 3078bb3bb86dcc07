"""The bilingual taxonomy shipped with binome: sectors, job functions, themes, languages.

Pure data, so that the engine (no Django) and the platform share one source. Each entry is
``(code, label_fr, label_en)``; codes are stable and stored in the database, labels are shown.
Sector and function lists follow the usual alumni-directory categories (close to ROME / ISCO
families) at a grain a mentee recognises.
"""

from __future__ import annotations

Entry = tuple[str, str, str]

SECTORS: tuple[Entry, ...] = (
    ("energy", "Énergie", "Energy"),
    ("banking", "Banque", "Banking"),
    ("insurance", "Assurance", "Insurance"),
    ("asset_management", "Gestion d'actifs", "Asset management"),
    ("consulting", "Conseil", "Consulting"),
    ("software", "Logiciel et numérique", "Software and digital"),
    ("telecom", "Télécommunications", "Telecommunications"),
    ("aerospace", "Aéronautique et spatial", "Aerospace"),
    ("defence", "Défense", "Defence"),
    ("automotive", "Automobile", "Automotive"),
    ("transport", "Transport et logistique", "Transport and logistics"),
    ("construction", "BTP et infrastructures", "Construction and infrastructure"),
    ("chemicals", "Chimie et matériaux", "Chemicals and materials"),
    ("pharma", "Pharmacie et santé", "Pharmaceuticals and health"),
    ("agrifood", "Agroalimentaire", "Food and agriculture"),
    ("retail", "Distribution et commerce", "Retail"),
    ("luxury", "Luxe et biens de consommation", "Luxury and consumer goods"),
    ("media", "Médias et culture", "Media and culture"),
    ("public_sector", "Administration publique", "Public sector"),
    ("research", "Recherche et enseignement supérieur", "Research and higher education"),
    ("nonprofit", "Associations et ESS", "Non-profit and social economy"),
    ("real_estate", "Immobilier", "Real estate"),
    ("environment", "Environnement et climat", "Environment and climate"),
    ("industry", "Industrie manufacturière", "Manufacturing"),
)

FUNCTIONS: tuple[Entry, ...] = (
    ("general_management", "Direction générale", "General management"),
    ("finance", "Finance et contrôle de gestion", "Finance and controlling"),
    ("strategy", "Stratégie", "Strategy"),
    ("engineering", "Ingénierie", "Engineering"),
    ("rnd", "Recherche et développement", "Research and development"),
    ("data", "Data et intelligence artificielle", "Data and artificial intelligence"),
    ("software_dev", "Développement logiciel", "Software development"),
    ("product", "Produit", "Product management"),
    ("operations", "Opérations et production", "Operations and production"),
    ("supply_chain", "Achats et supply chain", "Procurement and supply chain"),
    ("sales", "Commercial et ventes", "Sales"),
    ("marketing", "Marketing et communication", "Marketing and communication"),
    ("hr", "Ressources humaines", "Human resources"),
    ("legal", "Juridique et conformité", "Legal and compliance"),
    ("project_management", "Gestion de projet", "Project management"),
    ("entrepreneur", "Création d'entreprise", "Entrepreneurship"),
    ("teaching", "Enseignement", "Teaching"),
    ("public_policy", "Politiques publiques", "Public policy"),
)

# Themes a request or a mentor offer is about (the "thématiques" of the seeds).
THEMES: tuple[Entry, ...] = (
    ("career_evolution", "Évolution de carrière", "Career evolution"),
    ("job_search", "Recherche d'emploi", "Job search"),
    ("career_change", "Reconversion", "Career change"),
    ("meaning", "Perte de sens", "Loss of meaning"),
    (
        "workplace_relations",
        "Difficulté relationnelle ou hiérarchique",
        "Relational or hierarchical difficulty",
    ),
    ("entrepreneurship", "Création d'entreprise et start-up", "Start-up and entrepreneurship"),
    ("research_to_industry", "De la recherche à l'industrie", "From research to industry"),
    ("international", "Travailler à l'étranger", "Working abroad"),
    ("independent", "Devenir indépendant ou consultant", "Becoming independent or a consultant"),
    ("leadership", "Management et leadership", "Management and leadership"),
    ("first_job", "Premier emploi", "First job"),
    ("board", "Gouvernance et conseils d'administration", "Governance and boards"),
    ("work_life", "Équilibre vie professionnelle et personnelle", "Work-life balance"),
)

# ISO 639-1 codes with their names in both languages.
LANGUAGES: tuple[Entry, ...] = (
    ("fr", "français", "French"),
    ("en", "anglais", "English"),
    ("de", "allemand", "German"),
    ("es", "espagnol", "Spanish"),
    ("it", "italien", "Italian"),
    ("pt", "portugais", "Portuguese"),
    ("zh", "chinois", "Chinese"),
    ("ar", "arabe", "Arabic"),
    ("ja", "japonais", "Japanese"),
    ("ru", "russe", "Russian"),
)


def codes(entries: tuple[Entry, ...]) -> frozenset[str]:
    """The set of codes of one list, for validation."""
    return frozenset(code for code, _fr, _en in entries)


def label(entries: tuple[Entry, ...], code: str, language: str) -> str:
    """The label of ``code`` in ``language`` ("fr" or anything else for English)."""
    for entry_code, fr, en in entries:
        if entry_code == code:
            return fr if language == "fr" else en
    return code
