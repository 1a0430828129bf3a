"""The whole report as one PDF, for people who print or cite it.

``python -m analysis pdf`` prints every page of the built site, in the order of the book, with the
system Chromium (headless print-to-PDF; Chinese renders with the system's CJK fonts, installed by
``scripts/install-system-deps.sh``) and joins them with pypdf. One Chromium prints every chapter: it is
started once and driven over its DevTools protocol on two pipes (``--remote-debugging-pipe``: commands on
its file descriptor 3, answers on 4, each a JSON message ended by a NUL byte); each chapter is loaded in a
tab of its own and printed when its page has settled (the same virtual-time budget as
``--virtual-time-budget``), so a chapter prints as it would alone.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..project import config
from ..project.errors import BuildError
from ..project.limits import PDF_TIMEOUT

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--run-all-compositor-stages-before-draw"]
# Milliseconds of page time (scripts, timers) a chapter gets to settle before it is printed.
SETTLE_BUDGET = 5000


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


class Browser:
    """One headless Chromium driven over the DevTools protocol on a pair of pipes."""

    def __init__(self, browser: str, profile: str, deadline: float):
        self.deadline, self.ids, self.buffer, self.events = deadline, 0, b"", []  # type: ignore[var-annotated]
        cmd_r, self.cmd_w = os.pipe()
        self.out_r, out_w = os.pipe()
        # the child's ends, above the descriptors a child starts with, moved to 3 and 4 just before exec
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (cmd_r, out_w)]
        os.close(cmd_r)
        os.close(out_w)
        self.log = open(Path(profile).with_suffix(".log"), "w+b")  # noqa: SIM115 (closed by close())
        try:
            self.proc = subprocess.Popen(
                [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, close_fds=False,
                preexec_fn=lambda: (os.dup2(ends[0], 3), os.dup2(ends[1], 4)))  # noqa: PLW1509 (no threads start it)
        finally:
            for fd in ends:
                os.close(fd)

    def close(self) -> None:
        os.close(self.cmd_w)  # Chromium quits when its command pipe closes
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.out_r)
        self.log.close()

    def failure(self) -> str:
        self.log.flush()
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"Chromium stopped (exit status {self.proc.poll()})"

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired("chromium", PDF_TIMEOUT)
            if select.select([self.out_r], [], [], left)[0]:
                chunk = os.read(self.out_r, 1 << 20)
                if not chunk:
                    raise PdfError(f"Chromium stopped: {self.failure()}")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events that come first are kept for `wait`)."""
        self.ids += 1
        msg: dict[str, Any] = {"id": self.ids, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._message()
            if m.get("id") == self.ids:
                if "error" in m:
                    raise PdfError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})
            self.events.append(m)

    def wait(self, method: str, session: str) -> dict[str, Any]:
        """Wait for one event of a tab."""
        while True:
            m = self.events.pop(0) if self.events else self._message()
            if m.get("method") == method and m.get("sessionId") == session:
                return m.get("params", {})

    def print_page(self, url: str) -> bytes:
        """Load a page in a new tab, let it settle, print it (the defaults of headless --print-to-pdf:
        no header or footer) and close the tab."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session)
        nav = self.send("Page.navigate", session, url=url)
        if nav.get("errorText"):
            raise PdfError(f"Chromium could not load {url}: {nav['errorText']}")
        self.wait("Page.loadEventFired", session)
        # then its scripts and timers run for the budget (virtual time, paused while a fetch is pending)
        self.send("Emulation.setVirtualTimePolicy", session, policy="pauseIfNetworkFetchesPending",
                  budget=SETTLE_BUDGET)
        self.wait("Emulation.virtualTimeBudgetExpired", session)
        self.send("Emulation.setVirtualTimePolicy", session, policy="advance")  # printing needs time to run
        data = self.send("Page.printToPDF", session, displayHeaderFooter=False)["data"]
        self.send("Target.closeTarget", targetId=target)
        return base64.b64decode(data)


def render(site: Path, out: Path) -> int:
    """Write the PDF; returns its number of pages."""
    from pypdf import PdfWriter

    browser = chromium()
    chapters = pages(site)
    with tempfile.TemporaryDirectory() as tmp:
        writer = PdfWriter()
        b = Browser(browser, f"{tmp}/profile", time.monotonic() + PDF_TIMEOUT)
        try:
            for i, page in enumerate(chapters):
                b.deadline = time.monotonic() + PDF_TIMEOUT  # each chapter, as when Chromium printed one at a time
                pdf = Path(tmp) / f"{i:02d}.pdf"
                try:
                    pdf.write_bytes(b.print_page(page.resolve().as_uri()))
                except PdfError as exc:
                    raise PdfError(f"Chromium could not print {page.name}: {exc}") from None
                writer.append(str(pdf), outline_item="Overview" if i == 0 else page.stem.replace("_", " ").capitalize())
        finally:
            b.close()
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
