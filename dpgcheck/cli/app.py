"""The command line: parse options, call the runner, pick the format, set the exit code.

Exit codes: 0 nothing failed, 1 an indicator failed (with --strict: anything not passed),
2 usage or input error, 3 nothing failed but a check could not run.

No ``from __future__ import annotations`` here: typer reads the commands' annotations at
every run, and as strings it evaluates each of them (``check``'s ~35 options: 136 evals,
~4 ms of a check's start); as objects they are made once, at import.
"""

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from dpgcheck import __version__
from dpgcheck.cli.options import CacheDir, GithubUrl, Jobs, Token
from dpgcheck.errors import EXIT_INCOMPLETE, EXIT_USAGE, DpgcheckError, did_you_mean
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


MERGE_EXIT_CODES_HELP = (
    "Exit codes: 0 no merged target failed; 1 a target's verdict is fail; 2 usage or input "
    "error (a file that is missing or not JSON Lines); 3 nothing failed but a target or a "
    "check could not be checked."
)
#: Options of the app itself, not of ``check``.
APP_OPTIONS = ("--help", "-h", "--version", "-V", "--install-completion", "--show-completion")


class DefaultToCheck(TyperGroup):
    """``dpgcheck [TARGET...]`` means ``dpgcheck check [TARGET...]``; a first word that is
    neither a command, an existing path nor a repository address but is close to a command
    is a typo (exit 2), never a folder to check."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if ctx.resilient_parsing and not args:  # shell completion of the first word
            return super().parse_args(ctx, args)
        # every command's name, also when this group was built with the one to run only
        names = command_names()
        if args and args[0] not in names and args[0] not in APP_OPTIONS:
            _refuse_mistyped_command(args[0], names)
        if not args or (args[0] not in names and args[0] not in APP_OPTIONS):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _refuse_mistyped_command(word: str, commands: list[str]) -> None:
    from dpgcheck.sources.local import path_exists

    if word.startswith("-") or "/" in word or ":" in word or path_exists(word):
        return
    hint = did_you_mean(word, commands, cutoff=0.7)
    if hint:
        raise DpgcheckError(f"'{word}' is neither a command nor a folder{hint}")


APP_SETTINGS: dict[str, Any] = {
    "cls": DefaultToCheck,
    "help": "Check a solution against the Digital Public Goods Standard. " + EXIT_CODES_HELP,
    "add_completion": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "no_args_is_help": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**APP_SETTINGS)


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


def _write_spec(spec: str) -> "tuple[Formatter, Path]":
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
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help=f"{format_names()} (default: terminal, or the repository's "
        "default).", show_default=False)
    ] = None,
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
    token: Token = None,
    github_url: GithubUrl = None,
    gitlab_url: Annotated[str | None, typer.Option(
        "--gitlab-url", help="GitLab instance for gitlab: targets and its token GITLAB_TOKEN "
        "(default: GITLAB_URL, else https://gitlab.com).")] = None,
    forgejo_url: Annotated[str | None, typer.Option(
        "--forgejo-url", help="A self-hosted Forgejo or Gitea whose URLs are checked through "
        "its API (default: FORGEJO_URL); codeberg.org always is.")] = None,
    ref: Annotated[str | None, typer.Option(
        "--ref", help="Branch, tag or commit of remote targets (default: default branch).")
    ] = None,
    cache_dir: CacheDir = None,
    jobs: Jobs = 1,
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help="Targets, one per line (# comments).")] = None,
    from_registry: Annotated[Path | None, typer.Option(
        "--from-registry", help="DPGA registry JSON: its repositories, with declared "
        "licences and categories.")] = None,
    shard: Annotated[str | None, typer.Option(
        "--shard", help="Check only the K-th of N slices of the targets (K/N).")] = None,
    waivers: Annotated[bool | None, typer.Option(
        "--honour-waivers/--no-waivers", help="Apply the waivers of the checked repository's "
        "dpg.yml, or only show them (default: applied for one local folder; shown, not "
        "applied, for remote targets and batches).", show_default=False)] = None,
    retry_errors: Annotated[bool, typer.Option(
        "--retry-errors", help="Resuming a batch (same --output): check again the targets "
        "whose previous result was an error.")] = False,
    api_deadline: Annotated[float, typer.Option(
        "--api-deadline", metavar="SECONDS", help="The most one remote target may spend "
        "waiting for the forge's API (stalled or dripping answers end there).")] = 60.0,
    color: Annotated[str, typer.Option(
        "--color", help="auto (colour in a terminal unless NO_COLOR is set, or when "
        "FORCE_COLOR is set), always or never.")] = "auto",
    solution: Annotated[str | None, typer.Option(
        "--solution", help="Judge the targets as one solution named NAME (terminal, "
        "markdown, json or html; each indicator combined by a stated rule).")] = None,
) -> None:
    """Check one or more targets and print a report."""
    from dpgcheck.repo.git import prefetch_listings
    from dpgcheck.sources.spec import strip_credentials

    targets = [strip_credentials(t) for t in targets] if targets else targets

    if len(targets or ["."]) == 1 and not (from_file or from_registry):
        prefetch_listings(targets or ["."])  # git lists the tree while the imports below run
    from dpgcheck.cli.defaults import Defaults, load_defaults
    from dpgcheck.cli.display import layout_width, want_color
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.report import combined_exit_code, fail_on_policy
    from dpgcheck.engine.runner import RunConfig, check_target
    from dpgcheck.errors import EXIT_OK
    from dpgcheck.formats import FormatOptions, get_formatter

    one_folder = len(targets or ["."]) == 1 and not (from_file or from_registry)
    defaults = load_defaults((targets or ["."])[0]) if one_folder else Defaults()
    given = {"fail-on": fail_on, "skip": skip, "only": only, "category": category,
             "format": format, "write": write}
    overridden = [k for k, v in given.items() if v and k in defaults.values]
    format = format or defaults.text("format") or "terminal"
    fail_on = fail_on or defaults.text("fail-on")
    skip = skip or defaults.names("skip")
    only = only or defaults.names("only")
    category = category or defaults.names("category")
    write = write or defaults.names("write")
    formatter = get_formatter(format)
    colored = want_color(color, sys.stdout, to_file=output is not None)
    width = layout_width(sys.stdout, to_file=output is not None)
    extra = [_write_spec(spec) for spec in write or []]
    policy = fail_on_policy(fail_on, strict)
    if license_policy.lower() not in ("dpga", "osi"):
        raise DpgcheckError(f"unknown licence policy '{license_policy}': use dpga or osi"
                            + did_you_mean(license_policy, ("dpga", "osi")))
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
    config.options["github"].api_deadline = api_deadline
    config.options["waivers"] = waivers
    config.options.update(gitlab_url=gitlab_url, forgejo_url=forgejo_url)
    config.options["license_services"] = license_services(config.options["github"])
    loaded = load_indicators()
    if solution is not None:
        from dpgcheck.cli.solution import run_solution

        raise typer.Exit(run_solution(solution, list(targets or []), config, loaded, format,
                                      output, jobs))
    request = BatchRequest(list(targets or []), from_file, from_registry, shard, jobs, format,
                           output, quiet, verbose, policy, colored, ignore_errors,
                           extra, width)
    request.retry_errors = retry_errors
    if request.is_batch:
        config.options["batch"] = True
        raise typer.Exit(run_batch_check(request, config, loaded))
    reports = [check_target(t, config, loaded) for t in (targets or ["."])]
    note = defaults.note(overridden)
    for report in reports if note else []:
        report.notes.append(note)  # type: ignore[arg-type]
    if formatter.human and not quiet:
        from dpgcheck.application.pending import missing_answers

        for report in reports:
            report.application_missing = missing_answers(report)
    options = FormatOptions(color=colored and formatter.human,
                            verbosity=-1 if quiet else (1 if verbose else 0), fail_on=policy,
                            width=width if formatter.human else None)
    write_output(formatter.render(reports, options), output)
    for extra_formatter, path in extra:
        write_output(extra_formatter.render(reports, replace(options, color=False)), path)
    code = combined_exit_code(reports, policy)
    raise typer.Exit(EXIT_OK if ignore_errors and code == EXIT_INCOMPLETE else code)


from dpgcheck.cli.merge import merge as _merge  # noqa: E402

app.command("merge", epilog=MERGE_EXIT_CODES_HELP)(_merge)


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
        "--allow-incomplete", help="Exit 0 even when answers are missing; write a draft (and "
        "exit 1) even when it breaks the DPGA's schema.")] = False,
) -> None:
    """Write the DPGA application from dpg.yml and the findings; missing answers on stderr.
    An application that breaks the DPGA's schema is not written (exit 1) unless
    --allow-incomplete asks for a draft."""
    from dpgcheck.cli.export import run_export

    text, missing, errors = run_export(path, format)
    for item in missing:
        typer.echo(f"missing: {item}", err=True)
    for error in errors:
        typer.echo(f"schema: {error}", err=True)
    if errors and not allow_incomplete:
        typer.echo(f"dpgcheck: not written: the application breaks the DPGA's {format} schema "
                   "in the places above; answer them, or pass --allow-incomplete for a draft",
                   err=True)
        raise typer.Exit(1)
    write_output(text, output)
    if errors:
        typer.echo(f"dpgcheck: wrote a DRAFT{f' to {output}' if output else ''}: it breaks the "
                   f"DPGA's {format} schema and cannot be submitted yet", err=True)
        raise typer.Exit(1)
    if missing and not allow_incomplete:
        raise typer.Exit(1)


def _register_commands() -> None:
    """Subcommands that live in their own modules (``dpgcheck/cli/``)."""
    from dpgcheck.cli.badge import badge
    from dpgcheck.cli.indicators import list_indicators
    from dpgcheck.cli.reassess import EPILOG as REASSESS_EPILOG
    from dpgcheck.cli.reassess import reassess
    from dpgcheck.cli.review import EPILOG, review

    app.command("badge")(badge)
    app.command("indicators")(list_indicators)
    app.command("review", epilog=EPILOG)(review)
    app.command("reassess", epilog=REASSESS_EPILOG)(reassess)


_register_commands()


def one_line(message: str) -> str:
    """An error message as one safe line: repository text escaped, URL credentials hidden."""
    from dpgcheck.formats.sanitize import terminal

    return " ".join(terminal(message).split("\n"))


def command_names() -> list[str]:
    from dpgcheck.cli import lean

    return lean.command_names(app)


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command ``argv`` runs (see ``cli/lean.py``)."""
    from dpgcheck.cli.lean import app_for as lean_app_for

    return lean_app_for(app, APP_SETTINGS, argv, APP_OPTIONS)


def run(argv: list[str]) -> int:
    """Run the CLI and turn every expected problem into one line on stderr."""
    verbose = "-v" in argv or "--verbose" in argv
    try:
        result = app_for(argv)(args=argv, prog_name="dpgcheck", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        print("dpgcheck: aborted", file=sys.stderr)
        return 130
    except DpgcheckError as exc:
        # A target that is no repository or dataset is not an error: it needs a reviewer.
        kind = "" if type(exc).__name__ == "NeedsReview" else "error: "
        print(f"dpgcheck: {kind}{one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dpgcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            # typer's usage errors (bad option, missing value): one line, exit 2.
            print(f"dpgcheck: error: {one_line(exc.format_message())}", file=sys.stderr)
            return EXIT_USAGE
        if verbose:
            raise
        print(f"dpgcheck: internal error: {type(exc).__name__}: {one_line(str(exc))} (run with -v "
              "for details)", file=sys.stderr)
        return EXIT_INCOMPLETE
    finally:
        repogit = sys.modules.get("dpgcheck.repo.git")
        if repogit is not None:  # end listings started ahead that no check collected
            repogit.discard_prefetched()
    return result if isinstance(result, int) else 0
