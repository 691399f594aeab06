"""Subcommands of `python -m geo`; each module has add_parser(subparsers) and run(args) -> int."""
