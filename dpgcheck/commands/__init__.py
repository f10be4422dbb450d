"""CLI subcommands and the larger flows of ``check``, one module each."""
