"""What every page of the dashboard shares: the build, the global filters, and how a chart or table is shown.

The build is read once per process and snapshot (`load_results`; a plain
locked dict rather than `st.cache_resource`, so that `serve.py` can read it
while the browser is still loading the page). The pages only arrange tables of
`framing.results` and figures of `framing.charts`.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from framing.builder import current_snapshot
from framing.event_tables import recorded_warnings
from framing.export import csv_bytes, csv_filename
from framing.notes import note
from framing.results import Results, open_results

BUILD_ENV = "FRAMING_BUILD"
REPO = Path(__file__).resolve().parent.parent


def build_dir() -> Path:
    """Return the build folder the dashboard reads: `$FRAMING_BUILD`, else `build/` of the repository."""
    return Path(os.environ.get(BUILD_ENV) or REPO / "build")


_RESULTS: dict[str, Results] = {}
_RESULTS_LOCK = threading.Lock()


def load_results(snapshot: Path) -> Results:
    """Return the tables of a build snapshot, read once per process (the launcher may read them before the first page)."""
    with _RESULTS_LOCK:
        if str(snapshot) not in _RESULTS:
            _RESULTS.clear()  # keep only the current snapshot in memory
            _RESULTS[str(snapshot)] = open_results(Path(snapshot).parent.parent)
        return _RESULTS[str(snapshot)]


def results() -> Results:
    """Return the tables of the current build (read once per snapshot; a rebuild is picked up on the next rerun)."""
    snapshot = current_snapshot(build_dir())
    if snapshot is None:
        st.error(f"No build found in `{build_dir()}`. Run `make run` (or `python -m framing build --out {build_dir()}`) "
                 "and reload this page.")
        st.stop()
    try:
        return load_results(snapshot)
    except FileNotFoundError as error:
        st.error(f"{error}. Then reload this page.")
        st.stop()


DOWNLOAD_KEY_PREFIX = "csv_"


def keep_widget_choices() -> None:
    """Keep the choices of widgets that this run does not draw (a closed tab's, another page's).

    Streamlit forgets the state of a widget it does not draw; writing the value back
    makes it the session's own, so a tab opens again as it was left. Download buttons
    are left out: their state cannot be set.
    """
    for key in list(st.session_state):
        if not str(key).startswith(DOWNLOAD_KEY_PREFIX):
            st.session_state[key] = st.session_state[key]


def sidebar_filters(found: Results) -> None:
    """Draw the global filters (event, outlets) in the sidebar; the choice lives in `st.session_state`."""
    events = found.event_ids
    if not events:
        st.sidebar.warning("The build holds no articles.")
        st.stop()
    labels = found.event_labels
    st.sidebar.selectbox("Event", events, format_func=labels.get, key="event")
    available = found.event_outlets(st.session_state["event"])
    if st.session_state.get("outlets_event") != st.session_state["event"]:
        st.session_state["outlets"] = available  # a new event starts with all its outlets
        st.session_state["outlets_event"] = st.session_state["event"]
    st.sidebar.multiselect("Outlets", available, format_func=lambda o: outlet_label(found, o), key="outlets")
    st.sidebar.caption(f"Build {found.manifest.get('build_id', '?')} of `{found.manifest.get('corpus', '?')}`, "
                       f"created {found.manifest.get('created', '?')}.")


def selection() -> tuple[str, list[str]]:
    """Return the event and the outlets chosen in the sidebar."""
    return st.session_state["event"], list(st.session_state.get("outlets") or [])


def outlet_label(found: Results, outlet_id: str) -> str:
    """Return an outlet's name for menus ("SNA (sna)")."""
    name = found.outlet_names.get(outlet_id)
    return f"{name} ({outlet_id})" if name else outlet_id


def start_page(title: str, *, min_outlets: int = 1) -> tuple[Results, str, list[str], pd.DataFrame]:
    """Draw a page's title and event, and return the build, the event, the outlets and their documents.

    Stops the page with a hint when fewer than `min_outlets` outlets are selected.
    """
    found = results()
    event_id, outlets = selection()
    st.title(title)
    st.caption(found.event_label(event_id))
    require_outlets(outlets, min_outlets)
    return found, event_id, outlets, found.event_documents(event_id, outlets)


def require_outlets(outlets: list[str], minimum: int = 1) -> None:
    """Stop the page with a hint when fewer outlets are selected than it needs."""
    if len(outlets) < minimum:
        st.info(f"Select at least {minimum} outlet(s) in the sidebar.")
        st.stop()


def show_sections(sections: dict[str, Callable[[], None]], *, key: str) -> str:
    """Draw one tab per section and run only the open tab's function inside it; return the open tab's name.

    A filter change then rebuilds and redraws one section's charts, not the whole page's
    (`st.tabs(on_change="rerun")`: choosing a tab reruns the page with that tab open).
    """
    names = list(sections)
    for name, tab in zip(names, st.tabs(names, key=key, on_change="rerun")):
        if tab.open:
            with tab:
                sections[name]()
            return name
    return names[0]


def method_note(name: str) -> None:
    """Show the plain-language note of a method under its chart."""
    with st.expander(f"About this chart: {note(name).title}"):
        st.markdown(note(name).markdown())


def show_chart(figure, name: str, *, key: str | None = None, warnings: list[str] | None = None) -> None:
    """Show a `framing.charts` figure, its warnings and its method note; the toolbar saves it as PNG."""
    for message in warnings or []:
        st.warning(message)
    st.plotly_chart(figure, key=key or f"chart_{name}", width="stretch", config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": csv_filename(name).removesuffix(".csv"), "scale": 2},
    })
    method_note(name)


def show_table(table: pd.DataFrame, name: str, *, event_id: str | None = None, key: str | None = None,
               height: int | None = None, max_rows: int | None = None) -> None:
    """Show a table (its first `max_rows` rows, if given) with a CSV download of all of it.

    Cells a spreadsheet would run as formulas are neutralised in the CSV.
    """
    shown = table if max_rows is None or len(table) <= max_rows else table.head(max_rows)
    # a column mixing text and numbers (the leaning profile's `value`) is shown as text: Streamlit's Arrow
    # conversion would fail on it and fall back to a slow repair on every run
    mixed = [column for column in shown.columns if shown[column].dtype == object]
    if mixed:
        shown = shown.astype({column: "string" for column in mixed})
    st.dataframe(shown, hide_index=True, width="stretch", **({"height": height} if height else {}))
    if len(shown) < len(table):
        st.caption(f"The first {len(shown):,} of {len(table):,} rows; the CSV has all of them.")
    st.download_button("Download CSV", data=functools.partial(csv_bytes, table),  # made when clicked
                       file_name=csv_filename(name, event_id), mime="text/csv", key=key or f"csv_{name}",
                       on_click="ignore")


def with_warnings(compute, *args, **kwargs):
    """Return `(compute(*args, **kwargs), [warning messages])`, so a page shows the warnings beside its chart."""
    value, seen = recorded_warnings(compute, *args, **kwargs)
    return value, list(dict.fromkeys(str(warning.message) for warning in seen))
