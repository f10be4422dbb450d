"""Subcommands beyond ``check`` and the larger flows of ``check`` (batches): one module
each, registered in ``dpgcheck.cli``."""
