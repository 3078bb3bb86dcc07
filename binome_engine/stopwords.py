"""Stop words of French and English, accents folded (they are compared to folded words).

Words that carry meaning in a mentoring request stay out ("recherche" is research, "help" and
"up" are parts of lexicon phrases).
"""

from __future__ import annotations


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


FRENCH_STOP_WORDS = _split(
    """
    a ai aimerais ainsi alors an annee annees ans apres as au aujourd aussi autre autres aux
    avant avec avez avoir avons besoin bien c ca car ce cela ces cet cette cherche chez comme d
    dans de depuis des donc dont du elle en entre es est et etais etait ete etes etre eux faire
    fait hui il ils j je l la le les leur leurs lui m ma mais me meme memes mes moi mon n ne nos
    notre nous on ont ou par pas peu peut plus pour qu que quel quelle quelles quels qui s sa
    sans se ses si sommes son sont souhaite souhaiterais sous suis sur t ta te tes toi ton tous
    tout toute toutes tres tu un une vers veux vos votre voudrais vous y
    """
)

ENGLISH_STOP_WORDS = _split(
    """
    a about above after again against all also am an and any are at be been before being below
    between both but by can could did do does doing down during each few for from further get
    got had has have having he her here hers him his how i if im in into is it its ive just like
    looking me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their them then there these they this those
    through to too under very want was we were what when where which who whom why will with
    would year years you your yours
    """
)

# Words of career talk that every request and profile uses ("poste", "parcours", "how",
# "someone"…): they say nothing about a world, so they match nothing.
CAREER_WORDS = _split(
    """
    poste postes parcours metier metiers domaine domaines secteur secteurs profil profils
    idealement possible comment quelqu quelque chose dispo hesitez contacter echanger parler
    actuellement aujourd toujours pense pensais sais savoir voir rencontrer idee volontiers
    heureux heureuse cherchons aiderait precieux envie reve aimerai aimerait
    how someone anyone ideally realistic talk talking love happy glad currently based
    today still think thinking know knows tell explain ask anything would could really
    compare notes day daily side pass
    """
)

# Lexicon concepts of the same kind, left out of retrieval (``text.retrieval_tokens``).
LOW_INFORMATION_CONCEPTS = _split(
    """
    career evolution job loss difficulty company become balance professional personal
    mentoring advice network skills time help experience young senior project
    """
)
