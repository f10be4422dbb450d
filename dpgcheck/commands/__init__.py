"""Subcommands beyond ``check``: one module each, registered in ``dpgcheck.cli``."""
