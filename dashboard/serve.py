"""Serve the dashboard: `python dashboard/serve.py [streamlit options]` (what `make dashboard` runs).

Streamlit runs a page's script only when a browser connects, so the first
visitor would wait for the analysis package to import and the build to be
read. This launcher starts that work in a background thread at once and then
hands over to `streamlit run dashboard/app.py`: by the time the browser has
loaded Streamlit's frontend, the package is imported and the build is read.
Any option after the script name is passed on to `streamlit run`.
"""

from __future__ import annotations

import gc
import socket
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def wait_for_server(timeout: float = 30.0) -> None:
    """Return once Streamlit's server accepts connections (or after `timeout` seconds)."""
    from streamlit import config

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            address = config.get_option("server.address") or "127.0.0.1"
            with socket.create_connection((address, int(config.get_option("server.port"))), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)


def warm_up() -> None:
    """Import what the pages use and read the current build (errors are left for the page to report)."""
    sys.path.insert(0, str(HERE))
    wait_for_server()
    try:
        import common  # noqa: F401  (imports framing.results, notes, export and streamlit)
        import framing.charts  # noqa: F401
        import framing.highlight  # noqa: F401
        from framing.builder import current_snapshot

        snapshot = current_snapshot(common.build_dir())
        if snapshot is not None:
            found = common.load_results(snapshot)
            if found.event_ids:
                # The Overview's first chart, built once and dropped: plotly makes the classes behind a
                # figure on first use (~0.15 s that the first visitor would otherwise wait for).
                event_id = found.event_ids[0]
                framing.charts.lengths(found.table("readability", event_id), documents=found.event_documents(event_id))
    except Exception:  # noqa: BLE001 - the page shows the same error with its advice
        pass
    # The modules and the build stay for the life of the server: leave them out of the garbage
    # collector's full passes, which would otherwise walk all of them (~0.4 s) now and then.
    gc.freeze()


def main() -> int:
    # Streamlit (with pandas and plotly) is imported first, in this thread: plotly looks pandas up in
    # sys.modules without importing it, and would find it half-imported by the warm-up thread.
    from streamlit.web import cli

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(HERE / "app.py"), *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
