"""Screenshots for the docs: the terminal report at 80 and 120 columns, the HTML reports at
desktop and phone width. Writes docs/images/*.png; needs Debian's chromium.

    .venv/bin/python scripts/screenshots.py

The example repository is built here, in a temporary folder, from a few lines of our own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
README = ("# Clinic Stock\n\nClinic Stock is an open-source program that helps rural clinics "
          "keep track of medicine stock and order before it runs out.\n\n## Install\n\n"
          "pip install clinic-stock\n\n## Export\n\nEvery table can be downloaded as CSV.\n")
DPG_YML = ("sdgs:\n  - number: 3\n    relevance: Clinics run out of essential medicine less "
           "often.\n")


def example_repo(parent: Path) -> Path:
    from tests.conftest import make_repo
    from tests.license_texts import filled

    return make_repo(parent / "clinic-stock", {"README.md": README, "LICENSE": filled("MIT"),
                                               "dpg.yml": DPG_YML,
                                               "requirements.txt": "flask==3.0.0\n"})


def terminal_svg(repo: Path, width: int, out: Path) -> None:
    """The terminal report as a coloured terminal of ``width`` columns shows it."""
    from rich.console import Console
    from rich.text import Text

    from dpgcheck.application.pending import missing_answers
    from dpgcheck.engine.runner import RunConfig, check_target
    from dpgcheck.formats import FormatOptions, get_formatter

    report = check_target(str(repo), RunConfig())
    report.application_missing = missing_answers(report)
    text = get_formatter("terminal").render([report], FormatOptions(color=True, width=width))
    text = text.replace(str(repo), "~/clinic-stock")
    import io

    console = Console(record=True, width=width, force_terminal=True, file=io.StringIO())
    console.print(Text.from_ansi(text), soft_wrap=True)
    out.write_text(console.export_svg(title=f"dpgcheck . ({width} columns)"), encoding="utf-8")


def chromium_png(page: Path, out: Path, width: int, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("screenshots: chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={profile}", f"--window-size={width},{height}",
                        f"--screenshot={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repo = example_repo(work)
        for width, height in ((80, 1900), (120, 1500)):
            svg = work / f"terminal-{width}.svg"
            terminal_svg(repo, width, svg)
            chromium_png(svg, IMAGES / f"terminal-{width}.png", int(width * 8.7) + 40, height)
        html_shots(work, repo)
        print(f"screenshots: wrote {', '.join(sorted(p.name for p in IMAGES.glob('*.png')))}")


def html_shots(work: Path, repo: Path) -> None:
    """The HTML reports (one target, a batch) at desktop and phone width."""
    from dpgcheck.cli.app import run

    single, batch = work / "single.html", work / "batch.html"
    other = example_repo(work / "second")
    (other / "LICENSE").unlink()
    run(["-q", "-f", "html", "-o", str(single), str(repo)])
    run(["-q", "-f", "html", "-o", str(batch), str(repo), str(other), str(work / "missing")])
    for name, page in (("single", single), ("batch", batch)):
        text = page.read_text(encoding="utf-8").replace(str(work), "~")
        page.write_text(text, encoding="utf-8")
        chromium_png(page, IMAGES / f"html-{name}-desktop.png", 1280, 1400)
        chromium_png(page, IMAGES / f"html-{name}-phone.png", 390, 1400)


if __name__ == "__main__":
    main()
