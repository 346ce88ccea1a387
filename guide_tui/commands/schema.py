"""Print the JSON Schema of guide files (format 1), for editors and other tools.

The schema is generated from the same model the loader checks files with.  Point
an editor at it with a first line such as
`# yaml-language-server: $schema=guide.schema.json` in a guide file.
It checks the shape of a file; `guide-tui validate` checks everything.
"""

from __future__ import annotations

import argparse
import sys

EXAMPLE = "guide-tui schema -o guide.schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (__doc__ or "").strip()  # the whole docstring: it is written for users
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE (replaced whole) instead of standard output")


def run(args: argparse.Namespace) -> int:
    from .. import schema

    if not args.output or args.output == "-":
        sys.stdout.write(schema.render())
        return 0
    try:
        schema.write(args.output)
    except OSError as exc:
        print(f"guide-tui schema: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
