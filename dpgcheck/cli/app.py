"""The command line: parse options, call the runner, pick the format, set the exit code.

Exit codes: 0 nothing failed, 1 an indicator failed (with --strict: anything not passed),
2 usage or input error, 3 nothing failed but a check could not run.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from dpgcheck import __version__
from dpgcheck.errors import EXIT_INCOMPLETE, EXIT_USAGE, DpgcheckError
from dpgcheck.formats import format_names
from dpgcheck.formats.output import write_output

if TYPE_CHECKING:
    from dpgcheck.formats import Formatter

EXIT_CODES_HELP = (
    "Exit codes: 0 nothing failed (with --strict: everything passed); 1 an indicator failed "
    "(with --strict: anything not passed; with --fail-on LEVEL: LEVEL or worse, where warning "
    "< needs-declaration < fail); 2 usage, configuration or input error; 3 nothing "
    "failed but a check could not run (0 with --ignore-errors). A waived gap counts as passed."
)


class DefaultToCheck(TyperGroup):
    """``dpgcheck [TARGET...]`` means ``dpgcheck check [TARGET...]``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if not args or (args[0] not in self.commands
                        and args[0] not in ("--help", "-h", "--version", "-V")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultToCheck,
    help="Check a solution against the Digital Public Goods Standard. " + EXIT_CODES_HELP,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dpgcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check a solution against the Digital Public Goods Standard."""


def want_color(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write_spec(spec: str) -> tuple[Formatter, Path]:
    """``FORMAT=FILE`` of ``--write``, checked before anything runs."""
    from dpgcheck.formats import get_formatter

    name, sep, path = spec.partition("=")
    if not sep or not name.strip() or not path.strip():
        raise DpgcheckError(f"--write needs FORMAT=FILE, not '{spec}'")
    return get_formatter(name.strip()), Path(path.strip())


@app.command(epilog=EXIT_CODES_HELP)
def check(
    targets: Annotated[list[str] | None, typer.Argument(
        help="Folders or GitHub repositories (URL or owner/repo) to check (default: the "
        "current folder).", show_default=False)] = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", help=f"{format_names()}.")
    ] = "terminal",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to FILE instead of standard output.")] = None,
    write: Annotated[list[str] | None, typer.Option(
        "--write", "-w", metavar="FORMAT=FILE", help="Also write the report in FORMAT to FILE, "
        "from the same run (repeatable: -w markdown=summary.md -w sarif=dpgcheck.sarif).",
        show_default=False)] = None,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-c", help="software, data, content or aimodel (repeatable; default "
        "from the declarations file, else software).")] = None,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Run only this indicator (id or number; repeatable).")] = None,
    skip: Annotated[list[str] | None, typer.Option(
        "--skip", help="Skip this indicator (id or number; repeatable).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 unless every indicator passed.")] = False,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="LEVEL", help="What exits 1: fail (default), needs-declaration "
        "(fail or needs-declaration) or warning (fail, needs-declaration or warning: the same "
        "as --strict). Joined with --strict, the stricter wins.", show_default=False)] = None,
    ignore_errors: Annotated[bool, typer.Option(
        "--ignore-errors", help="A check that could not run does not set exit code 3 "
        "(it is still reported).")] = False,
    offline: Annotated[bool, typer.Option(
        "--offline", help="No network at all: checks that need it report status error with "
        "the reason; a remote target is an error (exit 2).")] = False,
    standard_version: Annotated[str, typer.Option(
        "--standard-version", help="DPG Standard version: 1.1.6 or 1.1.7.")] = "1.1.7",
    license_policy: Annotated[str, typer.Option(
        "--license-policy", help="Software licences approved by: dpga (the DPGA's list) or "
        "osi (the current OSI list).")] = "dpga",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the verdict.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Evidence for passing indicators too.")] = False,
    token: Annotated[str | None, typer.Option(
        "--token", help="GitHub token (default: GITHUB_TOKEN or GH_TOKEN); never printed.",
        show_default=False)] = None,
    github_url: Annotated[str | None, typer.Option(
        "--github-url", help="GitHub API base URL, e.g. https://ghe.example.org/api/v3 "
        "(default: GITHUB_API_URL, else https://api.github.com).")] = None,
    ref: Annotated[str | None, typer.Option(
        "--ref", help="Branch, tag or commit of remote targets (default: default branch).")
    ] = None,
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", help="Where clones and API answers are cached (default: the user's "
        "cache folder, e.g. ~/.cache/dpgcheck).")] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", help="Check this many targets at once.")] = 1,
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help="Targets, one per line (# comments).")] = None,
    from_registry: Annotated[Path | None, typer.Option(
        "--from-registry", help="DPGA registry JSON: its repositories, with declared "
        "licences and categories.")] = None,
    shard: Annotated[str | None, typer.Option(
        "--shard", help="Check only the K-th of N slices of the targets (K/N).")] = None,
) -> None:
    """Check one or more targets and print a report."""
    from dpgcheck.repo.view import prefetch_listings

    if len(targets or ["."]) == 1 and not (from_file or from_registry):
        prefetch_listings(targets or ["."])  # git lists the tree while the imports below run
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.report import combined_exit_code, fail_on_policy
    from dpgcheck.engine.runner import RunConfig, check_target
    from dpgcheck.errors import EXIT_OK
    from dpgcheck.formats import FormatOptions, get_formatter

    formatter = get_formatter(format)
    extra = [_write_spec(spec) for spec in write or []]
    policy = fail_on_policy(fail_on, strict)
    if license_policy.lower() not in ("dpga", "osi"):
        raise DpgcheckError(f"unknown licence policy '{license_policy}': use dpga or osi")
    config = RunConfig(categories=list(category or []), only=list(only or []),
                       skip=list(skip or []), standard_version=standard_version,
                       options={"license_policy": license_policy.lower()})
    if offline:
        from dpgcheck.engine.offline import OPTION, refuse_remote_targets

        refuse_remote_targets(targets or ["."])
        config.options[OPTION] = True

    from dpgcheck.cli.batch_check import BatchRequest, github_settings, run_batch_check
    from dpgcheck.sources.depsgraph import license_services

    config.options["github"] = github_settings(token, github_url, ref, cache_dir)
    config.options["license_services"] = license_services(config.options["github"])
    loaded = load_indicators()
    request = BatchRequest(list(targets or []), from_file, from_registry, shard, jobs, format,
                           output, quiet, verbose, policy, want_color(output), ignore_errors,
                           extra)
    if request.is_batch:
        raise typer.Exit(run_batch_check(request, config, loaded))
    reports = [check_target(t, config, loaded) for t in (targets or ["."])]
    options = FormatOptions(color=want_color(output) and format == "terminal",
                            verbosity=-1 if quiet else (1 if verbose else 0), fail_on=policy)
    write_output(formatter.render(reports, options), output)
    for extra_formatter, path in extra:
        write_output(extra_formatter.render(reports, replace(options, color=False)), path)
    code = combined_exit_code(reports, policy)
    raise typer.Exit(EXIT_OK if ignore_errors and code == EXIT_INCOMPLETE else code)


from dpgcheck.cli.merge import merge as _merge  # noqa: E402

app.command("merge", epilog=EXIT_CODES_HELP)(_merge)


@app.command("indicators")
def list_indicators(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every loaded indicator: number, id, title, and where it came from."""
    import json

    from dpgcheck.engine.plugins import load_indicators

    rows = []
    for li in load_indicators():
        ind = li.indicator
        rows.append({
            "number": li.number, "id": li.id, "title": getattr(ind, "title", li.name),
            "origin": li.origin, "affects_verdict": bool(getattr(ind, "affects_verdict", True)),
            "categories": sorted(c.value for c in getattr(ind, "categories", ())),
            "error": li.error,
        })
    if format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    if format != "text":
        raise DpgcheckError(f"unknown format '{format}': use text or json")
    for row in rows:
        extra = "" if row["affects_verdict"] else "  [beyond the Standard]"
        error = f"  ERROR: {row['error']}" if row["error"] else ""
        typer.echo(f"{row['number'] or '+':<4}{row['id']:<26}{row['title']:<48}"
                   f"{row['origin']}{extra}{error}")


@app.command("init")
def init_command(
    path: Annotated[Path, typer.Argument(help="The repository's folder.")] = Path("."),
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Do not ask: write the guesses, open questions marked TODO.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite an existing declarations file.")] = False,
) -> None:
    """Write a dpg.yml pre-filled from what the repository says (see docs/declarations.md)."""
    from dpgcheck.cli.init import run_init

    written = run_init(path, yes=yes, force=force, interactive=sys.stdin.isatty())
    typer.echo(f"wrote {written}: fill in the TODOs, then run 'dpgcheck {path}'", err=True)


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="The repository's folder.")] = Path("."),
    format: Annotated[str, typer.Option(
        "--format", "-f", help="dpga-nominee, dpga-screening or markdown.")] = "dpga-nominee",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE instead of standard output.")] = None,
    allow_incomplete: Annotated[bool, typer.Option(
        "--allow-incomplete", help="Exit 0 even when answers are missing.")] = False,
) -> None:
    """Write the DPGA application from dpg.yml and the findings; missing answers on stderr."""
    from dpgcheck.cli.export import run_export

    text, missing = run_export(path, format)
    write_output(text, output)
    for item in missing:
        typer.echo(f"missing: {item}", err=True)
    if missing and not allow_incomplete:
        raise typer.Exit(1)


def _register_commands() -> None:
    """Subcommands that live in their own modules (``dpgcheck/cli/``)."""
    from dpgcheck.cli.badge import badge

    app.command("badge")(badge)


_register_commands()


def run(argv: list[str]) -> int:
    """Run the CLI and turn every expected problem into one line on stderr."""
    verbose = "-v" in argv or "--verbose" in argv
    try:
        result = app(args=argv, prog_name="dpgcheck", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        print("dpgcheck: aborted", file=sys.stderr)
        return 130
    except DpgcheckError as exc:
        print(f"dpgcheck: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dpgcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            # typer's usage errors (bad option, missing value): one line, exit 2.
            print(f"dpgcheck: error: {exc.format_message()}", file=sys.stderr)
            return EXIT_USAGE
        if verbose:
            raise
        print(f"dpgcheck: internal error: {type(exc).__name__}: {exc} (run with -v for details)",
              file=sys.stderr)
        return EXIT_INCOMPLETE
    finally:
        repoview = sys.modules.get("dpgcheck.repo.view")
        if repoview is not None:  # end listings started ahead that no check collected
            repoview.discard_prefetched()
    return result if isinstance(result, int) else 0
