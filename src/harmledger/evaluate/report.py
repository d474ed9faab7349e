"""The evaluation report: its JSON shape, a readable table, and the per-item error list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The README's JSON shape: section → its keys in order. ``to_json`` emits exactly these.
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "segments": ("n_gold", "found", "missed", "spurious", "genre_accuracy"),
    "claims": (
        "n_gold",
        "n_pred",
        "precision",
        "recall",
        "f1",
        "count_exact",
        "qualifier_exact",
        "scope_exact",
        "source_exact",
        "victims_exact",
        "negatives_n",
        "negatives_hit",
    ),
    "places": ("n", "within_25km", "within_161km", "median_km", "mean_km"),
    "dates": ("n", "exact"),
    "events": (
        "n",
        "killed_exact",
        "killed_exact_nonzero",
        "injured_exact",
        "within_25km",
        "within_161km",
        # ours, after the README's keys: the same figures from each document's claims alone
        "killed_exact_document",
        "killed_exact_nonzero_document",
        "injured_exact_document",
        "within_25km_document",
        "within_161km_document",
        # the main incident's perpetrator: agreeing with the coders' named one, and named where
        # the coders knew none (GTD's "Unknown"); from the reconciled incidents
        "perpetrator_agrees",
        "perpetrator_unknown_named",
        # the main incident's dates hold the coders' day and span at most a week
        "date_within_week",
    ),
    "incidents": (
        "n_gold",
        "n_pred",
        "pairwise_precision",
        "pairwise_recall",
        "pairwise_f1",
        "deaths_in_range",
        # ours: joins that spoil gold incidents, the pair counts, and deaths from documents alone
        "wrong_join_rate",
        "pairs_gold",
        "pairs_predicted",
        "pairs_both",
        "deaths_in_range_document",
    ),
}


@dataclass(frozen=True, slots=True)
class Rate:
    """A share and the number of items it is over (``value`` is ``None`` when ``n`` is 0)."""

    hits: int
    n: int

    @property
    def value(self) -> float | None:
        return round(self.hits / self.n, 4) if self.n else None


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One miss, false hit or wrong field, with the sentence a developer needs to see it."""

    section: str  # claims, negatives, dates, places, events, incidents, segments
    kind: str  # missed, false, wrong
    doc: str
    what: str
    sentence: str = ""
    family: str = ""  # the rule family that failed, for summaries ("count", "unresolved", …)

    def to_json(self) -> dict[str, str]:
        return {
            "section": self.section,
            "kind": self.kind,
            "family": self.family,
            "doc": self.doc,
            "what": self.what,
            "sentence": self.sentence,
        }


@dataclass(slots=True)
class Section:
    """One section's figures: plain values and ``Rate``s, in the README's key order."""

    name: str
    figures: dict[str, int | float | str | Rate | None]  # "_"-keys are notes for the table only

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in SECTION_KEYS[self.name]:
            value = self.figures.get(key)
            out[key] = value.value if isinstance(value, Rate) else value
        return out


@dataclass(slots=True)
class Report:
    """What ``evaluate`` found: sections present in the gold set, and the per-item errors."""

    gold_dir: str
    sections: list[Section]
    errors: list[ErrorItem] = field(default_factory=list)
    n_documents: int = 0
    input_errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The README's object: one key per section present, rates in [0, 1] or null when n is 0."""
        order = list(SECTION_KEYS)
        return {s.name: s.to_json() for s in sorted(self.sections, key=lambda s: order.index(s.name))}

    def errors_json(self) -> list[dict[str, str]]:
        """The per-item error list as JSON-ready rows."""
        return [e.to_json() for e in self.errors]

    def section(self, name: str) -> Section | None:
        """The section called ``name``, if the set had the files for it."""
        return next((s for s in self.sections if s.name == name), None)


def _cell(key: str, value: int | float | str | Rate | None) -> str:
    """One figure as table text: a rate with its hits and n, a distance in km, a count."""
    if isinstance(value, Rate):
        return "–  (n=0)" if value.value is None else f"{value.value:.3f}  ({value.hits}/{value.n})"
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if key.endswith("_km") else f"{value:.3f}"
    return str(value)


# Figures whose n is another figure of the section, for the table's "(n=…)" notes.
_KM_NOTE = "over the {found} mentions found and resolved"


def format_table(report: Report) -> str:
    """A plain-text table of every figure with its n, one block per section."""
    lines = [f"harmledger eval {report.gold_dir}  ({report.n_documents} documents)"]
    if report.input_errors:
        lines.append(f"  {len(report.input_errors)} input(s) could not be read: {report.input_errors[0]}")
    width = max(len(k) for keys in SECTION_KEYS.values() for k in keys) + 2
    order = list(SECTION_KEYS)
    for section in sorted(report.sections, key=lambda s: order.index(s.name)):
        lines.append("")
        lines.append(section.name)
        for key in SECTION_KEYS[section.name]:
            value = section.figures.get(key)
            text = _cell(key, value)
            if key in ("median_km", "mean_km") and value is not None:
                text += f"  ({_KM_NOTE.format(found=section.figures.get('_resolved', 0))})"
            lines.append(f"  {key:<{width}}{text}")
        note = section.figures.get("_note")
        if isinstance(note, str):
            lines.append(f"  ({note})")
    return "\n".join(lines)


def summarise_errors(report: Report) -> list[tuple[str, str, str, int]]:
    """(section, kind, family, count) for every kind of error, most frequent first per section."""
    counts: dict[tuple[str, str, str], int] = {}
    for e in report.errors:
        key = (e.section, e.kind, e.family)
        counts[key] = counts.get(key, 0) + 1
    order = list(SECTION_KEYS) + ["negatives"]
    rows = [(*k, n) for k, n in counts.items()]
    rows.sort(key=lambda r: (order.index(r[0]) if r[0] in order else 99, -r[3], r[1], r[2]))
    return rows


def format_errors(report: Report, limit: int | None = None) -> str:
    """A count of errors by rule family, then each error with its sentence."""
    summary = summarise_errors(report)
    lines = ["errors by family" + ("" if summary else ": none")]
    lines += [f"  {n:>5}  {section}/{kind}: {family}" for section, kind, family, n in summary]
    lines.append("")
    rows = report.errors if limit is None else report.errors[:limit]
    for e in rows:
        lines.append(f"[{e.section}] {e.kind:<6} {e.doc}: {e.what}")
        if e.sentence:
            lines.append(f"    “{e.sentence}”")
    if limit is not None and len(report.errors) > limit:
        lines.append(f"… and {len(report.errors) - limit} more")
    return "\n".join(lines)
