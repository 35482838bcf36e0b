"""One event of a build as the report sees it: its tables, read once, and the names to write for ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..actors import actor_lexicon
from ..dfm import Dfm
from ..keyness import keyness
from ..event_tables import NO_EVENT, recorded_warnings
from ..results import Results

#: Below this many articles an outlet's numbers describe its articles, not its coverage (DESIGN: five is small).
SMALL_GROUP = 5


@dataclass
class EventView:
    """The tables of one event of a build, cut to the event's outlets, with readable names.

    Attributes:
        results: the opened build.
        event_id: the event the report is about.
    """

    results: Results
    event_id: str
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _keyness: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @cached_property
    def outlets(self) -> list[str]:
        """Return the outlets with an article about the event, sorted."""
        return self.results.event_outlets(self.event_id)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """Return the event's documents (one row per article)."""
        return self.results.event_documents(self.event_id).reset_index(drop=True)

    @property
    def label(self) -> str:
        """Return the event's name and date ("NATO-Russia Council meeting (2022-01-12)")."""
        return self.results.event_label(self.event_id)

    @cached_property
    def event(self) -> dict:
        """Return the event's row of events.csv as a dict (empty when the corpus has none)."""
        events = self.results.events
        if self.event_id == NO_EVENT or "event_id" not in events:
            return {}
        rows = events[events["event_id"] == self.event_id]
        return {} if rows.empty else {k: v for k, v in rows.iloc[0].items() if isinstance(v, str) and v}

    def table(self, name: str) -> pd.DataFrame:
        """Return one analysis table of the event (see `Results.table`), read once."""
        if name not in self._tables:
            self._tables[name] = self.results.table(name, self.event_id)
        return self._tables[name]

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Return the rows of the event's fact coverage where an article reports a fact (facts of 2+ articles).

        Columns as `framing.fact_coverage`. Read as the build stores them:
        `Results.table("fact_coverage")` adds a row for every fact and article
        (4.8 million at 1,000 articles, seconds to make), which the report
        needs only for the facts and articles it draws (`results.fact_grid`).
        """
        return self.results.reported_facts(self.event_id)

    def warnings(self, name: str) -> list[str]:
        """Return what the analysis behind table `name` warned about for the event."""
        return self.results.warnings(name, self.event_id)

    def keyness(self, target: str) -> pd.DataFrame:
        """Return `Results.keyness` of one outlet against all other outlets of the event (log-odds z), computed once.

        Its warnings (small samples) are kept in the table's `attrs["warnings"]`, which the chart shows.
        """
        if target not in self._keyness:
            # what `Results.keyness(event_id, target=target, outlets=outlets)` returns, with the count matrix made once
            self._keyness[target], _ = recorded_warnings(keyness, self.outlet_dfm, target=target, by="outlet_id")
        return self._keyness[target]

    @cached_property
    def outlet_dfm(self) -> Dfm:
        """Return the event's outlet × lemma counts (`Results.outlet_dfm`), the input of keyness."""
        return self.results.outlet_dfm(self.event_id, self.outlets)

    @cached_property
    def n_articles(self) -> dict[str, int]:
        """Return the number of articles of each outlet about the event."""
        return self.documents.groupby("outlet_id").size().astype(int).to_dict()

    @cached_property
    def names(self) -> dict[str, str]:
        """Return each outlet's name from outlets.csv (its id where it has none)."""
        outlets = self.results.outlets
        names = dict(zip(outlets["outlet_id"], outlets["name"])) if "name" in outlets else {}
        return {o: names[o] if isinstance(names.get(o), str) and names[o] else o for o in self.outlets}

    def outlet(self, outlet_id: str) -> str:
        """Return an outlet's name."""
        return self.names.get(outlet_id, outlet_id)

    def outlet_n(self, outlet_id: str) -> str:
        """Return an outlet's name with its number of articles ("SNA News (1 article)").

        When every outlet has as many articles as the others, the name alone: the
        report's first finding says how many.
        """
        if len(set(self.n_articles.values())) <= 1:
            return self.outlet(outlet_id)
        n = self.n_articles.get(outlet_id, 0)
        count = f"{n:,} article{'' if n == 1 else 's'}"
        name = self.outlet(outlet_id)
        return f"{name[:-1]}; {count})" if name.endswith(")") else f"{name} ({count})"

    @cached_property
    def sides(self) -> dict[str, str]:
        """Return the label of each side of the actor lexicon ("nato_west" → "NATO and the West")."""
        return dict(actor_lexicon(self.results.lexicon_corpus).sides)

    def side(self, side: str) -> str:
        """Return a side's label (the id itself for sides the lexicon does not define, e.g. "unattributed")."""
        return self.sides.get(side, side)

    @cached_property
    def frame_labels(self) -> dict[str, str]:
        """Return the label of each frame of the frame lexicon."""
        indicators = self.results.frame_indicators()
        return dict(zip(indicators["frame"], indicators["frame_label"]))

    @cached_property
    def naming_labels(self) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
        """Return the labels of the naming lexicon's concepts, and of its (concept, variant) pairs."""
        variants = self.results.naming_variants()
        concepts = dict(zip(variants["concept"], variants["concept_label"]))
        return concepts, {(c, v): label for c, v, label in
                          zip(variants["concept"], variants["variant"], variants["variant_label"])}

    @property
    def small(self) -> bool:
        """Return whether some outlet has fewer than `SMALL_GROUP` articles about the event."""
        return any(n < SMALL_GROUP for n in self.n_articles.values())


def join(items: list[str], last: str = "and") -> str:
    """Return items as an English list ("a, b and c")."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def percent(share: float) -> str:
    """Return a share (0-1) as a whole percentage ("62%"); "n/a" when missing."""
    if share is None or pd.isna(share):
        return "n/a"
    if 0 < share < 0.005:
        return "<1%"  # "0%" would read as none
    return f"{share:.0%}"
