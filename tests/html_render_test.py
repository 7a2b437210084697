#!/usr/bin/env python3
"""Renders the seed story's HTML report in headless Chromium: saves a
screenshot and checks the page's DOM (after its script ran) holds every
finding's message, the kind and severity filters and the date timeline.
Skips (exit 77) with the reason when no Chromium is installed.
Usage: html_render_test.py CONCORD [SCREENSHOT.png]"""
import html
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
SCREENSHOT = sys.argv[2] if len(sys.argv) > 2 else None
SEEDS = "fixtures/seeds"

browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(b)), None)
if browser is None:
    print("skip: no chromium on PATH (apt-get install chromium to run this test)")
    sys.exit(77)


class Dom(html.parser.HTMLParser):
    """Collects the visible text and the elements with their attributes."""

    def __init__(self):
        super().__init__()
        self.text = []
        self.elements = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.elements if t == tag and
                all(k in a and v in a[k].split() for k, v in attrs.items())]


failures = []
with tempfile.TemporaryDirectory() as tmp:
    page = os.path.join(tmp, "report.html")
    proc = subprocess.run([BINARY, "audit", SEEDS, "--format", "html", "-o", page],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"concord failed ({proc.returncode}): {proc.stderr}")
    report = json.loads(subprocess.run([BINARY, "audit", SEEDS, "--format", "json"],
                                       capture_output=True, text=True).stdout)
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--user-data-dir=" + os.path.join(tmp, "profile"),
              "--window-size=1280,2000"]
    url = "file://" + page
    shot = SCREENSHOT or os.path.join(tmp, "report.png")
    subprocess.run(common + ["--screenshot=" + shot, url], capture_output=True, timeout=120)
    if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
        failures.append(f"no screenshot written to {shot}")
    dom_text = subprocess.run(common + ["--dump-dom", url], capture_output=True, text=True,
                              timeout=120).stdout
    dom = Dom()
    dom.feed(dom_text)
    text = " ".join(" ".join(dom.text).split())

    if len(report["findings"]) != 3:
        failures.append(f"the seed story has {len(report['findings'])} findings, want 3")
    for f in report["findings"]:
        message = " ".join(html.unescape(f["message"]).split())
        if message not in text:
            failures.append(f"finding message not on the page: {message!r}")
        if not dom.find("section", id="f-" + f["id"]) and not any(
                a.get("id") == "f-" + f["id"] for _, a in dom.elements):
            failures.append(f"no element for finding {f['id']}")
    for kind in ("date", "quote", "title"):
        if not dom.find("input", value=kind, **{"class": "kind"}):
            failures.append(f"no kind filter for {kind}")
    for sev in ("error", "warning", "info"):
        if not dom.find("input", value=sev, **{"class": "sev"}):
            failures.append(f"no severity filter for {sev}")
    if not dom.find("svg", **{"class": "timeline"}):
        failures.append("no date timeline SVG")
    if "3 shown" not in text.replace("(", "").replace(")", ""):
        failures.append("the shown count is not 3 after the page's script ran")
    if "<script src" in dom_text or "<link " in dom_text:
        failures.append("the page loads external assets")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"HTML report renders in {browser}" + (f"; screenshot {SCREENSHOT}" if SCREENSHOT else ""))
