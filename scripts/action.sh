#!/usr/bin/env bash
# The shell part of the dpgcheck GitHub Action (action.yml), kept here so it can be tested.
#
#   action.sh cache-key where dpgcheck's cache folder goes and the key it is saved under
#                       (dpgcheck's version, the runner's OS, Python's version), for the
#                       actions/cache step: CI runs then start warm
#   action.sh install   install dpgcheck from the action's own folder into a private venv
#   action.sh run       check the targets, print the report, write the Markdown report to the
#                       job summary and (when asked) SARIF; exit with dpgcheck's exit code
#
# Inputs arrive as environment variables (never interpolated into code):
#   INPUT_TARGETS     folders to check, separated by spaces or new lines (default ".")
#   INPUT_FORMAT      format printed to the log (default terminal)
#   INPUT_STRICT      "true" for --strict
#   INPUT_FAIL_ON     fail | needs-declaration | warning (default fail)
#   INPUT_CATEGORIES  software, data, content, aimodel, separated by commas or spaces
#   INPUT_OFFLINE     "true" for --offline
#   INPUT_SARIF       "true" to write SARIF to INPUT_SARIF_FILE (default dpgcheck.sarif)
#   INPUT_ARGS        more dpgcheck options, split on spaces (e.g. "--skip 9c")
#   DPGCHECK          the dpgcheck command (default: dpgcheck on PATH)
# Outputs (appended to GITHUB_OUTPUT): exit-code, sarif-file, json-file, markdown-file;
# cache-key writes dir and key.
set -uo pipefail

die() { echo "::error title=dpgcheck action::$*" >&2; exit 2; }

is_true() { [[ "${1,,}" == "true" || "$1" == "1" || "${1,,}" == "yes" ]]; }

cache_key() {
  local action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
  local version python_version python
  version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$action_path/dpgcheck/__init__.py")"
  [[ -n "$version" ]] || die "cannot read dpgcheck's version in $action_path"
  python="$(command -v python3 || command -v python)" || die "no Python found"
  python_version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  {
    echo "dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dpgcheck-cache"
    echo "key=dpgcheck-$version-${RUNNER_OS:-$(uname -s)}-py$python_version"
  } >> "${GITHUB_OUTPUT:-/dev/null}"
}

install() {
  local action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
  local venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/dpgcheck-venv"
  local python bin
  python="$(command -v python3 || command -v python)" || die "no Python found"
  "$python" -m venv "$venv" || die "cannot create a virtual environment in $venv"
  bin="$venv/bin"
  [[ -d "$bin" ]] || bin="$venv/Scripts"  # Windows runners
  "$bin/python" -m pip install --quiet --disable-pip-version-check "$action_path" \
    || die "cannot install dpgcheck from $action_path"
  echo "DPGCHECK=$bin/dpgcheck" >> "${GITHUB_ENV:-/dev/null}"
  "$bin/dpgcheck" --version
}

run() {
  local dpgcheck="${DPGCHECK:-dpgcheck}"
  local summary="${GITHUB_STEP_SUMMARY:-/dev/null}" outputs="${GITHUB_OUTPUT:-/dev/null}"
  local work="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
  local markdown="$work/dpgcheck-report.md" json="$work/dpgcheck-report.json"
  local args=() targets=() categories=() extra=() code

  read -r -d '' -a targets <<< "${INPUT_TARGETS:-.}"
  (( ${#targets[@]} )) || targets=(.)
  is_true "${INPUT_STRICT:-false}" && args+=(--strict)
  [[ -n "${INPUT_FAIL_ON:-}" ]] && args+=(--fail-on "$INPUT_FAIL_ON")
  is_true "${INPUT_OFFLINE:-false}" && args+=(--offline)
  local category_list="${INPUT_CATEGORIES:-}"
  read -r -d '' -a categories <<< "${category_list//,/ }"
  for category in "${categories[@]}"; do args+=(--category "$category"); done
  read -r -d '' -a extra <<< "${INPUT_ARGS:-}"
  args+=("${extra[@]}")
  args+=(--format "${INPUT_FORMAT:-terminal}" --write "markdown=$markdown" --write "json=$json")

  local sarif=""
  if is_true "${INPUT_SARIF:-false}"; then
    sarif="${INPUT_SARIF_FILE:-dpgcheck.sarif}"
    mkdir -p "$(dirname "$sarif")" || die "cannot create the folder of $sarif"
    args+=(--write "sarif=$sarif")
    if (( ${#targets[@]} > 1 )) || [[ "${targets[0]}" != "." ]]; then
      echo "::warning title=dpgcheck::SARIF locations are relative to each target; code" \
           "scanning places them right only for the target '.' (the checked-out repository)"
    fi
  fi

  rm -f "$markdown" "$json"
  "$dpgcheck" "${args[@]}" -- "${targets[@]}"
  code=$?

  local policy="--fail-on ${INPUT_FAIL_ON:-fail}"
  is_true "${INPUT_STRICT:-false}" && policy+=" --strict"
  local meaning
  case "$code" in
    0) meaning="passed the policy" ;;
    1) meaning="failed the policy" ;;
    3) meaning="nothing broke the policy, but a check could not run" ;;
    *) meaning="dpgcheck could not run" ;;
  esac
  if [[ -s "$markdown" ]]; then
    { cat "$markdown"; printf '\n**Exit code %s** (%s): %s.\n' "$code" "$policy" "$meaning"; } \
      >> "$summary"
  else
    printf '## DPG Standard check\n\ndpgcheck could not run (exit code %s): see the job log.\n' \
      "$code" >> "$summary"
  fi
  {
    echo "exit-code=$code"
    echo "sarif-file=$sarif"
    [[ -s "$json" ]] && echo "json-file=$json" || echo "json-file="
    [[ -s "$markdown" ]] && echo "markdown-file=$markdown" || echo "markdown-file="
  } >> "$outputs"
  return "$code"
}

case "${1:-run}" in
  cache-key) cache_key ;;
  install) install ;;
  run) run ;;
  *) die "usage: action.sh cache-key|install|run" ;;
esac
