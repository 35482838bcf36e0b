"""Command line: `python -m framing build [--corpus DIR] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
import warnings

from .corpus import CorpusError, CorpusWarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    prefix = "problem" if issubclass(category, CorpusWarning) else category.__name__
    print(f"{prefix}: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m framing", description="How did different outlets cover the same event?")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build the Parquet tables of a corpus (incremental)")
    build_parser.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    build_parser.add_argument("--out", default="build", help="output folder (default: build)")
    build_parser.add_argument("--quiet", action="store_true", help="no progress bars")
    build_parser.add_argument("--scheduler", choices=["processes", "synchronous"],
                              help="Dask scheduler for the text pass (default: processes when several buckets of ~1,000 articles need work)")
    args = parser.parse_args(argv)

    warnings.showwarning = _show_warning
    if args.command == "build":
        from .builder import build

        try:
            summary = build(args.corpus, args.out, progress=not args.quiet, scheduler=args.scheduler)
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
