"""The whole report as one PDF, for people who print or cite it.

``python -m analysis pdf`` prints every page of the built site, in the order of the book, with the
system Chromium (headless print-to-PDF; Chinese renders with the system's CJK fonts, installed by
``scripts/install-system-deps.sh``) and joins them with pypdf.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..project import config
from ..project.errors import BuildError
from ..project.limits import PDF_TIMEOUT

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"]


class PdfError(BuildError):
    pass


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise PdfError("no Chromium found: run `make system` (Debian package chromium)")


def pages(site: Path) -> list[Path]:
    out = [site / "chapters" / f"{c['name']}.html" for c in config.report_config()["chapters"]]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise PdfError(f"{missing[0]} is missing: build the site first (make build)")
    return out


def render(site: Path, out: Path) -> int:
    """Write the PDF; returns its number of pages."""
    from pypdf import PdfWriter

    browser = chromium()
    with tempfile.TemporaryDirectory() as tmp:
        writer = PdfWriter()
        for i, page in enumerate(pages(site)):
            pdf = Path(tmp) / f"{i:02d}.pdf"
            proc = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}",
                                   page.resolve().as_uri()], capture_output=True, text=True, timeout=PDF_TIMEOUT)
            if proc.returncode != 0 or not pdf.exists():
                raise PdfError(f"Chromium could not print {page.name}: {proc.stderr.strip().splitlines()[-1:]}")
            writer.append(str(pdf), outline_item="Overview" if i == 0 else page.stem.replace("_", " ").capitalize())
        writer.add_metadata({"/Title": config.report_config().get("title", "Report"), "/Producer": "govreport"})
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = out.with_name(f".{out.name}.tmp")
        with open(tmp_out, "wb") as f:
            writer.write(f)
        tmp_out.replace(out)
        return len(writer.pages)


def main(site: str | None = None, out: str | None = None) -> int:
    site_dir = Path(site) if site else config.BOOK / "_build" / "html"
    out_file = Path(out) if out else config.BOOK / "_build" / "pdf" / "report.pdf"
    try:
        n = render(site_dir, out_file)
    except (PdfError, config.ConfigError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{out_file} ({n} pages)")
    return 0
