"""Every text an AppTest page shows, and the English words left on a page in another
language. (No tests here.)"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from google.protobuf.message import Message

#: Common words of the app's English that are not Finnish or Swedish words too.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "for",
        "is",
        "are",
        "not",
        "this",
        "that",
        "these",
        "those",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "cannot",
        "could",
        "should",
        "must",
        "has",
        "have",
        "had",
        "there",
        "here",
        "what",
        "which",
        "who",
        "when",
        "where",
        "why",
        "how",
        "your",
        "you",
        "yours",
        "our",
        "they",
        "them",
        "their",
        "its",
        "it",
        "no",
        "yes",
        "each",
        "every",
        "more",
        "less",
        "than",
        "only",
        "also",
        "shift",
        "shifts",
        "people",
        "hours",
        "hours",
        "hour",
        "minutes",
        "save",
        "download",
        "upload",
        "week",
        "weeks",
        "day",
        "days",
        "name",
        "coverage",
        "answered",
        "forecast",
        "settings",
        "remove",
        "add",
        "new",
        "versions",
        "publish",
        "send",
        "from",
        "by",
        "open",
        "closed",
        "draft",
        "published",
        "available",
        "preferred",
        "away",
        "error",
        "errors",
        "warning",
        "warnings",
        "optimise",
        "optimised",
        "demand",
        "queue",
        "staff",
        "contacts",
        "rate",
        "gap",
        "bound",
        "empty",
        "short",
        "per",
        "volunteer",
        "mentor",
        "trainee",
        "team",
        "none",
        "nobody",
        "someone",
        "anyone",
        "file",
        "files",
        "sheet",
        "row",
        "column",
        "found",
        "read",
        "used",
        "kept",
        "changed",
        "moved",
        "cancelled",
        "added",
        "removed",
        "show",
        "shows",
        "shown",
        "pick",
        "picked",
        "first",
        "last",
        "next",
        "before",
        "after",
        "until",
        "within",
        "over",
        "under",
        "between",
        "best",
        "better",
        "worse",
        "expected",
        "forecast",
        "month",
        "total",
        "average",
        "built",
        "profile",
        "assumption",
        "service",
        "services",
        "language",
        "languages",
        "organisation",
        "organisations",
        "role",
        "roles",
        "limit",
        "limits",
        "rule",
        "rules",
    ]
)
#: Words that are also Swedish (checked only on Finnish pages).
ALSO_SWEDISH = frozenset(
    {"plan", "person", "version", "student", "status", "mentor", "team", "per", "under"}
    | {"organisation", "service"}
)
#: The language selector's label is in all three languages on purpose.
PICKER = "Kieli · Språk · Language"
_WORD = re.compile(r"[A-Za-zÅÄÖåäö]+")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Message):
        for _field, item in value.ListFields():
            yield from _strings(item)
    elif (
        isinstance(value, list | tuple)
        or hasattr(value, "__iter__")
        and not isinstance(value, bytes | dict)
    ):
        for item in value:
            yield from _strings(item)


def _plotly(spec: str) -> Iterator[str]:
    """Titles, axis titles, trace names and hover templates of a plotly figure."""
    fig = json.loads(spec)
    layout = fig.get("layout", {})

    def title(obj: Any) -> Iterator[str]:
        t = obj.get("title") if isinstance(obj, dict) else None
        if isinstance(t, dict):
            t = t.get("text")
        if isinstance(t, str):
            yield t

    yield from title(layout)
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis", "coloraxis")) and isinstance(axis, dict):
            yield from title(axis)
            if isinstance(axis.get("colorbar"), dict):
                yield from title(axis["colorbar"])
    for ann in layout.get("annotations", []) or []:
        if isinstance(ann.get("text"), str):
            yield ann["text"]
    for trace in fig.get("data", []):
        for key in ("name", "hovertemplate", "legendgroup"):
            if isinstance(trace.get(key), str):
                yield trace[key]
        if isinstance(trace.get("colorbar"), dict):
            yield from title(trace["colorbar"])


def page_texts(at: Any) -> list[str]:
    """Every string the page shows: labels, help, options, bodies, table headers and text
    cells, chart titles and axes."""
    found: list[str] = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "plotly_chart" and proto is not None:
            found.extend(_plotly(proto.spec))
        elif kind in ("arrow_data_frame", "dataframe", "table") and hasattr(node, "value"):
            frame = node.value
            config = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
            for c in frame.columns:  # the header shown: its configured label, else its name
                shown = config.get(str(c), {})
                if shown is not None and not shown.get("hidden"):
                    found.append(str(shown.get("label") or c))
            for column in frame.columns:
                if frame[column].dtype == object:
                    found.extend(str(v) for v in frame[column].dropna().unique()[:50])
        elif proto is not None:
            found.extend(s for s in _strings(proto) if s)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def english_left(texts: list[str], lang: str, data: tuple[str, ...] = ()) -> list[str]:
    """The texts of a page shown in ``lang`` that are English: two English words or more,
    or a short text (a header, a button) with one. ``data`` (names of plans and people) is
    left out first; the day-part words of every language (``päivä / dag / day``) and the
    language selector are multilingual on purpose."""
    words = ENGLISH - ALSO_SWEDISH if lang == "sv" else ENGLISH | ALSO_SWEDISH
    left = []
    for text in texts:
        if text.startswith(("{", "[", "$$ID-")) or "://" in text or text == PICKER:
            continue
        if text.count(" / ") >= 2:
            continue
        for name in data:
            text = text.replace(name, "")
        text = re.sub(r"`[^`]*`", "", text)  # code: a file's column, a command
        tokens = [w.lower() for w in _WORD.findall(text)]
        hits = set(tokens) & words
        if len(hits) >= 2 or (hits and len(tokens) <= 3):
            left.append(f"{sorted(hits)}: {text[:160]!r}")
    return sorted(set(left))
