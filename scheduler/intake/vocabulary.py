"""Words coordinators write in headers and cells, in Finnish, Swedish and English.

Every lookup goes through :func:`label`, which folds case, accents of spacing, punctuation
and parenthesised remarks, so ``"Sähköposti (pakollinen):"`` and ``"sähköposti"`` match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PAREN = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[_\-‐‑–—/]+")
_PUNCT = re.compile(r"[:*.?!]+")
_SPACE = re.compile(r"\s+")


def label(value: object) -> str:
    """The folded form of a header or a word cell ('' for empty cells)."""
    if value is None:
        return ""
    return _label(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=1 << 16)
def _label(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold()
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
            "your name",
            "nimesi",
            "ditt namn",
            "participant",
            "osallistuja",
            "deltagare",
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
            "email address",
            "e-mail address",
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
        "time": ("time", "hours", "aika", "kellonaika", "klo", "tid", "klockslag", "kello"),
        "shift": (
            "shift",
            "shift time",
            "vuoro",
            "päivystysvuoro",
            "ajankohta",
            "pass",
            "jourpass",
            "tidpunkt",
        ),
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

_WEEKDAYS = (
    ("ma", "maanantai", "mån", "må", "måndag", "mon", "monday", "mo"),
    ("ti", "tiistai", "tis", "tisdag", "tue", "tues", "tuesday", "tu"),
    ("ke", "keskiviikko", "on", "ons", "onsdag", "wed", "wednesday", "we"),
    ("to", "torstai", "tor", "tors", "torsdag", "thu", "thur", "thurs", "thursday", "th"),
    ("pe", "perjantai", "fr", "fre", "fredag", "fri", "friday"),
    ("la", "lauantai", "lö", "lör", "lördag", "sat", "saturday", "sa"),
    ("su", "sunnuntai", "sö", "sön", "söndag", "sun", "sunday"),
)


def _inflected(words: tuple[str, ...]) -> tuple[str, ...]:
    """A weekday's words with the forms questions use: maanantaisin, maanantaina,
    keskiviikkoisin; måndagar, måndagen, måndagarna; mondays."""
    fi, sv, en = (
        words[1],
        next(w for w in words if w.endswith("dag")),
        next(w for w in words if w.endswith("day")),
    )
    stem = fi[:-1] if fi.endswith("i") else fi
    extra = (
        fi + "sin",
        fi + "na",
        stem + "isin",
        fi + "t",
        sv + "ar",
        sv + "en",
        sv + "arna",
        en + "s",
    )
    return words + extra


WEEKDAY_WORDS = _table({str(i): _inflected(words) for i, words in enumerate(_WEEKDAYS)})

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
        "ohjeet–anvisningar–instructions",
        "instruktioner",
    )
)

# Sheets of the template (by name).
AVAILABILITY_SHEETS = frozenset(
    label(w) for w in ("availability", "saatavuus", "tillgänglighet", "vuorotoiveet", "ajat")
)

# --------------------------------------------------------------------------- question headers

#: Words inside a longer header (a survey question) that say what the column holds.
QUESTION_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"sähköposti|\be ?mail|\be ?post")),
    ("name", re.compile(r"\b(nimi|nimesi|nimenne|name|namn|heter)\b")),
    ("languages", re.compile(r"\bkiel|\bspråk|\blanguage")),
    ("organisation", re.compile(r"järjestö|organi[sz]|förening|yhdistys|\bedustat")),
    ("role", re.compile(r"\b(rooli|roll|role)\b")),
)

#: Columns survey tools add for their own record keeping (read as such, never as data).
METADATA_WORDS = frozenset(
    label(w)
    for w in (
        "id",
        "tunnus",
        "start time",
        "aloitusaika",
        "starttid",
        "completion time",
        "valmistumisaika",
        "slutförandetid",
        "sluttid",
        "last modified time",
        "viimeksi muokattu",
        "viimeksi muokattu aika",
        "senast ändrad",
        "timestamp",
        "aikaleima",
        "tidstämpel",
        "score",
        "pisteet",
        "poäng",
        "total points",
        "vastausaika",
        "vastaaja",
        "vastaajan tunnus",
        "respondent",
        "submitted",
        "lähetetty",
        "submission time",
        "ip address",
        "ip-osoite",
    )
)
#: Microsoft Forms exports start with these (in fi, sv or en): the form's own ID and times.
FORMS_SIGNATURE = (
    frozenset(label(w) for w in ("id", "tunnus")),
    frozenset(label(w) for w in ("start time", "aloitusaika", "starttid")),
    frozenset(
        label(w) for w in ("completion time", "valmistumisaika", "slutförandetid", "sluttid")
    ),
)
#: The Google Forms timestamp column.
GOOGLE_TIMESTAMP = frozenset(label(w) for w in ("timestamp", "aikaleima", "tidstämpel"))
#: What Microsoft Forms writes in Email (and Name) for anonymous answers.
ANONYMOUS_WORDS = frozenset(label(w) for w in ("anonymous", "anonyymi", "anonym"))

#: A row that sums up the others (a poll's count, a total line).
TOTAL_WORDS = frozenset(
    label(w)
    for w in ("count", "total", "totals", "sum", "yhteensä", "summa", "määrä", "totalt", "antal")
)

# --------------------------------------------------------------------------- day parts

#: Words for parts of a day, each with the hours it means unless the plan says otherwise.
DAY_PARTS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "morning": (
        (9 * 60, 12 * 60),
        (
            "aamu",
            "aamulla",
            "aamupäivä",
            "aamupäivällä",
            "aamuvuoro",
            "morgon",
            "på morgonen",
            "förmiddag",
            "på förmiddagen",
            "morning",
            "mornings",
            "forenoon",
        ),
    ),
    "daytime": (
        (12 * 60, 17 * 60),
        (
            "päivä",
            "päivällä",
            "päiväsaikaan",
            "iltapäivä",
            "iltapäivällä",
            "päivävuoro",
            "dag",
            "dagtid",
            "på dagen",
            "eftermiddag",
            "på eftermiddagen",
            "day",
            "daytime",
            "afternoon",
            "afternoons",
        ),
    ),
    "evening": (
        (17 * 60, 21 * 60),
        (
            "ilta",
            "illalla",
            "alkuilta",
            "iltavuoro",
            "kväll",
            "kvällen",
            "på kvällen",
            "kvällspass",
            "evening",
            "evenings",
            "early evening",
        ),
    ),
    "late": (
        (21 * 60, 24 * 60),
        (
            "myöhäisilta",
            "myöhään illalla",
            "yö",
            "yöllä",
            "yövuoro",
            "sen kväll",
            "sent på kvällen",
            "natt",
            "late evening",
            "late",
            "night",
        ),
    ),
    "all_day": (
        (9 * 60, 24 * 60),
        (
            "koko päivä",
            "koko päivän",
            "koko päiväksi",
            "milloin vain",
            "hela dagen",
            "när som helst",
            "all day",
            "whole day",
            "any time",
            "anytime",
        ),
    ),
}
DAY_PART_OF_WORD = {label(word): part for part, (_, words) in DAY_PARTS.items() for word in words}

#: A cell that says "no time" (read as nothing, never as an error).
NOTHING_WORDS = frozenset(
    label(w)
    for w in (
        "",
        "-",
        "–",
        "—",
        "ei",
        "ei käy",
        "ei sovi",
        "en pääse",
        "en voi",
        "ei mikään",
        "ei yhtään",
        "no",
        "none",
        "not available",
        "n/a",
        "nej",
        "inte",
        "går inte",
        "kan inte",
        "passar inte",
        "ingen",
    )
)

# --------------------------------------------------------------------------- poll answers

POLL_YES = frozenset(mark_word(w) for w in ("ok", "yes", "kyllä", "ja", "✓", "✔"))
POLL_MAYBE = frozenset(
    mark_word(w)
    for w in (
        "(ok)",
        "(yes)",
        "(kyllä)",
        "(ja)",
        "under reserve",
        "if need be",
        "if needed",
        "ifneedbe",
        "maybe",
        "ehkä",
        "tarvittaessa",
        "jos tarpeen",
        "om nödvändigt",
        "vid behov",
        "kanske",
    )
)
POLL_NO = frozenset(mark_word(w) for w in ("no", "ei", "nej", "", "-", "0"))

# --------------------------------------------------------------------------- months

MONTH_WORDS = _table(
    {
        "1": ("january", "jan", "tammikuu", "tammikuuta", "tammi", "januari"),
        "2": ("february", "feb", "helmikuu", "helmikuuta", "helmi", "februari"),
        "3": ("march", "mar", "maaliskuu", "maaliskuuta", "maalis", "mars"),
        "4": ("april", "apr", "huhtikuu", "huhtikuuta", "huhti"),
        "5": ("may", "toukokuu", "toukokuuta", "touko", "maj"),
        "6": ("june", "jun", "kesäkuu", "kesäkuuta", "kesä", "juni"),
        "7": ("july", "jul", "heinäkuu", "heinäkuuta", "heinä", "juli"),
        "8": ("august", "aug", "elokuu", "elokuuta", "elo", "augusti"),
        "9": ("september", "sep", "sept", "syyskuu", "syyskuuta", "syys"),
        "10": ("october", "oct", "lokakuu", "lokakuuta", "loka", "oktober", "okt"),
        "11": ("november", "nov", "marraskuu", "marraskuuta", "marras"),
        "12": ("december", "dec", "joulukuu", "joulukuuta", "joulu"),
    }
)


def month_of(word: str) -> int | None:
    key = MONTH_WORDS.get(label(word))
    return int(key) if key is not None else None


#: Weekday words long enough to be found inside a sentence (a survey question).
_LONG_WEEKDAYS = {w: int(k) for w, k in WEEKDAY_WORDS.items() if len(w) >= 5}
_WORD = re.compile(r"[^\W\d_]+")


def weekday_in_text(value: object) -> int | None:
    """The one weekday a longer text names (``Milloin voit päivystää maanantaisin?``);
    None when it names none or several."""
    found = {_LONG_WEEKDAYS[w] for w in _WORD.findall(label(value)) if w in _LONG_WEEKDAYS}
    return found.pop() if len(found) == 1 else None


#: How a day part is named in reports: its Finnish, Swedish and English word.
PART_LABELS = {
    "morning": ("aamu", "morgon", "morning"),
    "daytime": ("päivä", "dag", "day"),
    "evening": ("ilta", "kväll", "evening"),
    "late": ("myöhäisilta", "sen kväll", "late evening"),
    "all_day": ("koko päivä", "hela dagen", "all day"),
}
