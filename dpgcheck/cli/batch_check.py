"""``dpgcheck check`` with several targets, a target list, a registry, shards or a batch
format: run the batch, stream JSON Lines, print the summary, pick the exit code."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dpgcheck.batch.targets import BatchTarget
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.runner import RunConfig
from dpgcheck.errors import DpgcheckError
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.output import write_output


@dataclass
class BatchRequest:
    targets: list[str]
    from_file: Path | None = None
    from_registry: Path | None = None
    shard: str | None = None
    jobs: int = 1
    format: str = "terminal"
    output: Path | None = None
    quiet: bool = False
    verbose: bool = False
    #: Statuses that exit 1 (``--fail-on``/``--strict``); ``None``: only ``fail``.
    fail_on: frozenset[Any] | None = None
    color: bool = False
    ignore_errors: bool = False
    #: ``--write FORMAT=FILE`` outputs: (formatter, path).
    extra: list[tuple[Any, Path]] = field(default_factory=list)
    #: ``--retry-errors``: on resume, check again the targets whose last entry is an error.
    retry_errors: bool = False
    #: The terminal's width for human formats (``None``: not a terminal, no wrapping).
    width: int | None = None

    @property
    def is_batch(self) -> bool:
        return (len(self.targets) > 1 or self.from_file is not None
                or self.from_registry is not None or self.shard is not None
                or self.jobs > 1 or _always_batch(self.format))


def _always_batch(name: str) -> bool:
    from dpgcheck.formats import get_formatter

    return get_formatter(name).always_batch


def github_settings(token: str | None, github_url: str | None, ref: str | None,
                    cache_dir: Path | None) -> Any:
    """Remote settings from options, then ``GITHUB_TOKEN``/``GH_TOKEN``/``GITHUB_API_URL``."""
    from dpgcheck.sources.settings import GitHubSettings
    from dpgcheck.sources.spec import DEFAULT_API_URL

    return GitHubSettings(
        api_url=(github_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
        token=token or os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or None,
        cache_dir=cache_dir.expanduser() if cache_dir else None,
        ref=ref)


def collect(request: BatchRequest) -> list[BatchTarget]:
    from dpgcheck.batch.targets import from_file, from_registry, parse_shard, shard, unique

    targets = [BatchTarget(t) for t in request.targets]
    if request.from_file is not None:
        targets += from_file(request.from_file)
    if request.from_registry is not None:
        targets += from_registry(request.from_registry)
    if not targets:
        targets = [BatchTarget(".")]
    from dpgcheck.sources.spec import strip_credentials

    targets = unique([replace(t, spec=strip_credentials(t.spec)) for t in targets])
    if request.shard is not None:
        k, n = parse_shard(request.shard)
        targets = shard(targets, k, n)
    return targets


def run_batch_check(request: BatchRequest, config: RunConfig,
                    loaded: list[LoadedIndicator]) -> int:
    from dpgcheck.batch.run import (
        Progress,
        batch_exit_code,
        done_inputs,
        drop_torn_tail,
        run_batch,
    )
    from dpgcheck.engine.report import FAIL_ON_FAIL
    from dpgcheck.errors import EXIT_INCOMPLETE, EXIT_OK
    from dpgcheck.formats import get_formatter
    from dpgcheck.formats.jsonl import line

    if request.jobs < 1:
        raise DpgcheckError("--jobs must be at least 1")
    formatter = get_formatter(request.format)
    targets = collect(request)
    skipped = 0
    stream = None
    if formatter.streaming:
        if request.output is not None:
            drop_torn_tail(request.output)
            done = done_inputs(request.output, retry_errors=request.retry_errors)
            before = len(targets)
            targets = [t for t in targets if t.spec not in done]
            skipped = before - len(targets)
            try:
                stream = request.output.open("a", encoding="utf-8")
            except OSError as exc:
                raise DpgcheckError(
                    f"cannot write {request.output}: {exc.strerror or exc}") from None
        else:
            stream = sys.stdout
    if skipped and not request.quiet:
        print(f"dpgcheck: resuming: {skipped} target(s) already in {request.output}",
              file=sys.stderr)

    def on_entry(entry: dict[str, Any]) -> None:
        if stream is None:
            return
        if stream is sys.stdout:
            stream.write(line(entry))
            stream.flush()
            return
        position = stream.tell()
        try:
            stream.write(line(entry))
            stream.flush()
        except OSError as exc:  # a full disk: keep the file valid line by line
            with contextlib.suppress(OSError):
                stream.truncate(position)
            raise DpgcheckError(f"cannot write {request.output}: {exc.strerror or exc}") \
                from None

    progress = Progress(len(targets), sys.stderr, enabled=not request.quiet and len(targets) > 1)
    try:
        # One target named on the command line (a batch only by its format): an input error
        # ends the run with its own exit code, as it would in any other format.
        lone = (len(request.targets) <= 1 and request.from_file is None
                and request.from_registry is None and len(targets) == 1)
        result = run_batch(targets, config, loaded, jobs=request.jobs, on_entry=on_entry,
                           progress=progress, raise_errors=lone)
    finally:
        progress.close()
        if stream is not None and stream is not sys.stdout:
            stream.close()
    policy = request.fail_on if request.fail_on is not None else FAIL_ON_FAIL
    options = FormatOptions(color=request.color and request.format == "terminal",
                            verbosity=-1 if request.quiet else (1 if request.verbose else 0),
                            fail_on=policy, width=request.width)
    _write_result(request, formatter, result, options)
    for extra_formatter, path in request.extra:
        plain = replace(options, color=False)
        if extra_formatter.always_batch:
            write_output(extra_formatter.render_entries(result.entries, plain), path)
        else:
            write_output(extra_formatter.render(result.reports, plain), path)
    if request.from_registry is not None and not request.quiet:
        from dpgcheck.batch.hostkinds import summary_line

        print(f"dpgcheck: {summary_line(result.entries, config.options)}", file=sys.stderr)
    if result.rate_limit_message:
        print(f"dpgcheck: {result.rate_limit_message}", file=sys.stderr)
    code = batch_exit_code(result, policy)
    if request.ignore_errors and code == EXIT_INCOMPLETE and not result.not_started:
        return EXIT_OK
    return code


def _write_result(request: BatchRequest, formatter: Formatter, result: Any,
                  options: FormatOptions) -> None:
    from dpgcheck.formats.sanitize import terminal

    entries = result.entries
    errors = [e for e in entries if e.get("error")]
    if formatter.streaming:
        if not request.quiet and entries:
            from dpgcheck.cli.display import layout_width, want_color
            from dpgcheck.formats import summary

            color = want_color("always" if request.color else "auto", sys.stderr)
            sys.stderr.write(summary.render_terminal(entries, color=color,
                                                     width=layout_width(sys.stderr)))
        return
    if formatter.human:
        text = formatter.render(result.reports, options) if result.reports else ""
        if errors:
            text += "".join(f"\n{terminal(str(e['input']))}: could not check: "
                            f"{terminal(str(e['error']))}" for e in errors)
            text += "\n"
        text += "".join(f"\n{e['input']}: {e['review']}\n" for e in entries if e.get("review"))
        if len(entries) > 1:
            text += "\n" + formatter.render_entries(entries, options)
    elif formatter.mergeable:
        text = formatter.render_entries(entries, options)
    else:
        # Machine formats of their own shape (SARIF, JUnit...): the reports only; targets that
        # could not be checked are said on stderr.
        text = formatter.render(result.reports, options) if result.reports else ""
        for entry in errors:
            print(f"dpgcheck: {terminal(str(entry['input']))}: could not check: "
                  f"{terminal(str(entry['error']))}", file=sys.stderr)
    write_output(text, request.output)
