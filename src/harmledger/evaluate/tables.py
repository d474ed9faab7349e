"""Vocabularies the matchers use, kept as data: source-name aliases and name-folding words."""

from __future__ import annotations

# Names of one organisation that are not each other's initials or spelling variants.
# Each group is written in folded form (lower case, punctuation → space, see match.fold_name).
SOURCE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("amnesty international", "amnesty", "ai"),
    ("human rights watch", "hrw"),
    ("united nations", "un", "u n"),
    ("office of the united nations high commissioner for human rights", "ohchr", "un human rights office"),
    ("united nations high commissioner for refugees", "unhcr", "un refugee agency"),
    ("unicef", "united nations children s fund", "un children s agency"),
    ("world health organization", "who", "world health organisation"),
    ("syrian observatory for human rights", "sohr", "the observatory"),
    ("international committee of the red cross", "icrc", "red cross"),
    ("medecins sans frontieres", "msf", "doctors without borders"),
    ("al jazeera", "aljazeera"),
    ("associated press", "ap"),
    ("agence france presse", "afp"),
    ("reuters", "thomson reuters"),
    ("british broadcasting corporation", "bbc"),
    ("ministry of health", "health ministry"),
    ("ministry of defence", "ministry of defense", "defence ministry", "defense ministry", "mod"),
    ("islamic state", "isis", "isil", "is", "daesh"),
    # one militia family, spelt both ways by the press and by coders (GTD: "Mayi Mayi")
    ("mai mai", "mayi mayi"),
)

# Words left out of a name's initials ("Syrian Observatory for Human Rights" → SOHR).
INITIALS_SKIP: frozenset[str] = frozenset({"of", "for", "the", "and", "on", "in", "de", "des", "du", "la"})

# A leading article is not part of a name ("the Red Cross" = "Red Cross").
LEADING_ARTICLES: tuple[str, ...] = ("the ",)

# Words that name a kind of actor, not which one: "Government of Syria" and "Syrian government"
# agree by "syria", never by "government" ("Government of Afghanistan" is another actor).
ACTOR_GENERIC: frozenset[str] = frozenset(
    "government governments of the and in for forces force extremists extremist militants militant group "
    "army armed party people peoples movement front national liberation democratic security military "
    "troops fighters al el islamic unknown unidentified gunmen assailants".split()
)
