"""Command line: `python -m framing build [--corpus DIR] [--out DIR]` and `python -m framing report [--corpus DIR] [--out FILE]`."""

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
    report_parser = commands.add_parser("report", help="write the stakeholder report of one event: one self-contained HTML file")
    report_parser.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    report_parser.add_argument("--out", default="reports/report.html", help="HTML file to write (default: reports/report.html)")
    report_parser.add_argument("--build", default="build", help="build folder, updated incrementally first (default: build)")
    report_parser.add_argument("--event", help="event_id to report on (default: the event with the most articles)")
    report_parser.add_argument("--images", metavar="DIR", help="also write every chart of the report as an image into DIR")
    report_parser.add_argument("--image-format", choices=["png", "svg"], default="png", help="format of --images (default: png)")
    report_parser.add_argument("--quiet", action="store_true", help="no progress bars")
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
    elif args.command == "report":
        return _report(args)
    return 0


def _report(args) -> int:
    """Write the report; return the exit status (2 with a message on stderr for bad input)."""
    from .report import write_report

    try:
        path = write_report(args.corpus, args.out, build_dir=args.build, event_id=args.event, images=args.images,
                            image_format=args.image_format, progress=not args.quiet)
    except (CorpusError, ValueError, FileNotFoundError, RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Report written to {path} ({path.stat().st_size / 1e6:.1f} MB)"
          + (f"; chart images in {args.images}" if args.images else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
