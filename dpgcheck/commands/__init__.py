"""CLI subcommands beyond ``check``, one module each, registered in ``dpgcheck/cli.py``."""
