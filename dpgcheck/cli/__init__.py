"""The command line: the typer app and one module per command.

Kept empty so the console entry (``dpgcheck.cli.app.entry``) answers ``--version`` without
importing anything heavy."""
