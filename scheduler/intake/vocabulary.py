"""Words coordinators write in headers and cells, in Finnish, Swedish and English.

Every lookup goes through :func:`label`, which folds case, accents of spacing, punctuation
and parenthesised remarks, so ``"Sähköposti (pakollinen):"`` and ``"sähköposti"`` match.
"""

from __future__ import annotations

import re
import unicodedata

_PAREN = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[_\-‐‑–—/]+")
_PUNCT = re.compile(r"[:*.?!]+")
_SPACE = re.compile(r"\s+")


def label(value: object) -> str:
    """The folded form of a header or a word cell ('' for empty cells)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = _PAREN.sub(" ", text)
    text = _SEPARATORS.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _table(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label(word): key for key, words in groups.items() for word in words}


# --------------------------------------------------------------------------- header fields

FIELD_WORDS = _table(
    {
        "name": (
            "name",
            "full name",
            "nimi",
            "koko nimi",
            "etu- ja sukunimi",
            "namn",
            "fullständigt namn",
            "för- och efternamn",
            "päivystäjä",
            "person",
            "henkilö",
        ),
        "email": (
            "email",
            "e-mail",
            "mail",
            "email address",
            "sähköposti",
            "sähköpostiosoite",
            "s-posti",
            "sposti",
            "e-post",
            "epost",
            "e-postadress",
        ),
        "organisation": (
            "organisation",
            "organization",
            "org",
            "järjestö",
            "jäsenjärjestö",
            "organisaatio",
            "yhdistys",
            "förening",
            "taho",
        ),
        "role": ("role", "rooli", "roll", "tehtävä"),
        "languages": ("languages", "language", "kielet", "kieli", "språk", "lang"),
        "mentor": ("mentor", "mentori", "mentorvolontär"),
        "trainee": (
            "trainee",
            "new",
            "new volunteer",
            "uusi",
            "uusi päivystäjä",
            "perehdytettävä",
            "harjoittelija",
            "ny",
            "nybörjare",
            "ny volontär",
        ),
        "min_hours": ("min_hours", "min hours", "minimum hours", "tunnit min", "vähintään tuntia"),
        "max_hours": ("max_hours", "max hours", "maximum hours", "tunnit max", "enintään tuntia"),
        "max_hours_per_week": ("max_hours_per_week", "max hours per week", "max tuntia viikossa"),
        "max_shifts_per_week": (
            "max_shifts_per_week",
            "max shifts per week",
            "max vuoroja viikossa",
        ),
        "min_shift_hours": ("min_shift_hours", "min shift hours", "vuoron minimipituus"),
        "max_shift_hours": ("max_shift_hours", "max shift hours", "vuoron maksimipituus"),
        "date": ("date", "päivämäärä", "pvm", "datum"),
        "weekday": ("weekday", "day", "viikonpäivä", "päivä", "veckodag", "dag"),
        "start": (
            "start",
            "start time",
            "from",
            "alku",
            "alkaa",
            "alkaen",
            "aloitus",
            "mistä",
            "början",
            "börjar",
            "från",
        ),
        "end": (
            "end",
            "end time",
            "until",
            "loppu",
            "loppuu",
            "päättyy",
            "asti",
            "lopetus",
            "mihin",
            "slut",
            "slutar",
            "till",
        ),
        "time": ("time", "hours", "aika", "kellonaika", "klo", "tid", "klockslag"),
        "preference": (
            "preference",
            "type",
            "toive",
            "tyyppi",
            "laji",
            "preferens",
            "önskemål",
            "typ",
        ),
    }
)

PERSON_FIELDS = (
    "email",
    "organisation",
    "role",
    "languages",
    "mentor",
    "trainee",
    "min_hours",
    "max_hours",
    "max_hours_per_week",
    "max_shifts_per_week",
    "min_shift_hours",
    "max_shift_hours",
)

# --------------------------------------------------------------------------- weekdays

WEEKDAY_WORDS = _table(
    {
        "0": ("ma", "maanantai", "maanantaisin", "må", "mån", "måndag", "mon", "monday", "mo"),
        "1": ("ti", "tiistai", "tiistaisin", "tis", "tisdag", "tue", "tues", "tuesday", "tu"),
        "2": (
            "ke",
            "keskiviikko",
            "keskiviikkoisin",
            "on",
            "ons",
            "onsdag",
            "wed",
            "wednesday",
            "we",
        ),
        "3": (
            "to",
            "torstai",
            "torstaisin",
            "tor",
            "tors",
            "torsdag",
            "thu",
            "thur",
            "thurs",
            "thursday",
            "th",
        ),
        "4": ("pe", "perjantai", "perjantaisin", "fr", "fre", "fredag", "fri", "friday"),
        "5": ("la", "lauantai", "lauantaisin", "lö", "lör", "lördag", "sat", "saturday", "sa"),
        "6": ("su", "sunnuntai", "sunnuntaisin", "sö", "sön", "söndag", "sun", "sunday"),
    }
)

WEEKDAY_NAMES_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_of(value: object) -> int | None:
    """0 (Monday) … 6 for a weekday word in any of the three languages, else None."""
    key = WEEKDAY_WORDS.get(label(value))
    return int(key) if key is not None else None


# --------------------------------------------------------------------------- cell words

ROLE_WORDS = _table(
    {
        "volunteer": (
            "volunteer",
            "vapaaehtoinen",
            "vapaaehtoispäivystäjä",
            "frivillig",
            "volontär",
        ),
        "student": ("student", "opiskelija", "harjoittelija opiskelija", "studerande"),
        "staff": (
            "staff",
            "työntekijä",
            "henkilöstö",
            "ammattilainen",
            "hyvinvointialue",
            "personal",
            "anställd",
            "professional",
            "welfare region",
        ),
        "chat_team": (
            "chat_team",
            "chat team",
            "chat-tiimi",
            "chattiimi",
            "chatteam",
            "chat-team",
            "sekasin",
            "sekasin team",
        ),
    }
)

YES_WORDS = frozenset(
    label(w)
    for w in ("yes", "y", "true", "1", "x", "✓", "✔", "kyllä", "k", "joo", "on", "ja", "j", "sant")
)
NO_WORDS = frozenset(label(w) for w in ("no", "n", "false", "0", "-", "ei", "e", "nej", "falskt"))

LANGUAGE_WORDS = _table(
    {
        "fi": ("fi", "fin", "finnish", "suomi", "suomeksi", "suomen kieli", "finska"),
        "sv": (
            "sv",
            "se",
            "swe",
            "swedish",
            "ruotsi",
            "ruotsiksi",
            "svenska",
            "på svenska",
            "ruotsin kieli",
        ),
        "en": ("en", "eng", "english", "englanti", "englanniksi", "engelska"),
    }
)

PREFERENCE_WORDS = _table(
    {
        "available": (
            "available",
            "ok",
            "käy",
            "käytettävissä",
            "saatavilla",
            "vapaa",
            "tillgänglig",
            "kan",
            "passar",
        ),
        "preferred": (
            "preferred",
            "prefer",
            "pref",
            "p",
            "toive",
            "toivottu",
            "mieluiten",
            "mieluummin",
            "önskad",
            "önskar",
            "helst",
            "gärna",
        ),
        "away": (
            "away",
            "poissa",
            "estynyt",
            "este",
            "ei käy",
            "loma",
            "borta",
            "frånvarande",
            "kan inte",
            "unavailable",
            "not available",
        ),
    }
)


# Marks in an hour grid (compared after :func:`mark_word`, which keeps punctuation).
def mark_word(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).casefold().strip()


GRID_AVAILABLE = frozenset(
    mark_word(w) for w in ("x", "1", "✓", "✔", "☑", "ok", "k", "kyllä", "yes", "ja", "a")
)
GRID_PREFERRED = frozenset(
    mark_word(w) for w in ("p", "2", "pp", "toive", "pref", "preferred", "xx", "★", "*")
)
GRID_EMPTY = frozenset(mark_word(w) for w in ("", "0", "-", "–", "ei", "no", "nej", "e"))

# Sheets that carry instructions, not data.
INSTRUCTION_SHEETS = frozenset(
    label(w)
    for w in (
        "instructions",
        "ohjeet",
        "ohje",
        "anvisningar",
        "readme",
        "info",
        "ohjeet instructions",
        "ohjeet – instructions",
        "instruktioner",
    )
)
