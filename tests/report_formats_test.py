#!/usr/bin/env python3
"""The seed story's Markdown and SARIF reports: Markdown has its summary,
table and one section per finding with each piece of evidence; SARIF has
the 2.1.0 essentials code-scanning tools read, and every location points at
the bytes it quotes."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

BINARY = sys.argv[1]
SEEDS = "fixtures/seeds"
failures = []


def render(fmt, folder=SEEDS):
    proc = subprocess.run([BINARY, "audit", folder, "--format", fmt], capture_output=True,
                          text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"concord --format {fmt} failed ({proc.returncode}): {proc.stderr}")
    return proc.stdout


report = json.loads(render("json"))
findings = report["findings"]

# Markdown.
md = render("markdown")
lines = md.splitlines()
if not lines or lines[0] != "# concord report":
    failures.append("markdown: no '# concord report' title")
if "| kind | class | findings |" not in md:
    failures.append("markdown: no summary table")
sections = [l for l in lines if l.startswith("## ") and l[3:].split(".")[0].isdigit()]
if len(sections) != len(findings):
    failures.append(f"markdown: {len(sections)} finding sections for {len(findings)} findings")
for f in findings:
    if f"`{f['rule']}`" not in md:
        failures.append(f"markdown: check {f['rule']} not named")
    for v in f["values"]:
        for e in v["mentions"]:
            if f"`{e['path']}:{e['line']}:{e['column']}`" not in md:
                failures.append(f"markdown: evidence {e['path']}:{e['line']} missing")
if md.count("```") % 2:
    failures.append("markdown: unbalanced code fence")

# SARIF 2.1.0.
sarif = json.loads(render("sarif"))
if sarif.get("version") != "2.1.0":
    failures.append(f"sarif: version {sarif.get('version')!r}")
if "sarif-2.1.0" not in sarif.get("$schema", ""):
    failures.append("sarif: no 2.1.0 $schema")
runs = sarif.get("runs") or [{}]
driver = runs[0].get("tool", {}).get("driver", {})
if driver.get("name") != "concord":
    failures.append(f"sarif: driver name {driver.get('name')!r}")
rules = driver.get("rules") or []
rule_ids = [r.get("id") for r in rules]
if not rules or any(not r.get("id") or not r.get("shortDescription", {}).get("text")
                    for r in rules):
    failures.append("sarif: rules without id or shortDescription")
results = runs[0].get("results")
if not isinstance(results, list) or len(results) != len(findings):
    failures.append(f"sarif: {len(results or [])} results for {len(findings)} findings")
files = {}
for i, r in enumerate(results or []):
    where = f"sarif result {i}"
    if r.get("ruleId") not in rule_ids:
        failures.append(f"{where}: ruleId {r.get('ruleId')!r} not among the driver's rules")
    elif "ruleIndex" in r and rule_ids[r["ruleIndex"]] != r["ruleId"]:
        failures.append(f"{where}: ruleIndex does not point at ruleId")
    if r.get("level") not in ("error", "warning", "note", "none"):
        failures.append(f"{where}: level {r.get('level')!r}")
    if not r.get("message", {}).get("text"):
        failures.append(f"{where}: no message text")
    locations = r.get("locations") or []
    if not locations:
        failures.append(f"{where}: no locations")
    for loc in locations + r.get("relatedLocations", []):
        phys = loc.get("physicalLocation", {})
        uri = phys.get("artifactLocation", {}).get("uri")
        region = phys.get("region", {})
        if not uri:
            failures.append(f"{where}: location without artifactLocation.uri")
            continue
        if not (isinstance(region.get("startLine"), int) and region["startLine"] >= 1 and
                isinstance(region.get("startColumn"), int) and region["startColumn"] >= 1):
            failures.append(f"{where}: region without startLine/startColumn >= 1")
            continue
        # The region points at the snippet: by line and column (code points)
        # and by byte offset.
        if uri not in files:
            with open(urllib.parse.unquote(uri), "rb") as f:
                files[uri] = f.read()
        data = files[uri]
        snippet = region.get("snippet", {}).get("text", "")
        line = data.split(b"\n")[region["startLine"] - 1].decode("utf-8")
        at_column = line[region["startColumn"] - 1:]
        if not at_column.startswith(snippet):
            failures.append(f"{where}: {uri}:{region['startLine']}:{region['startColumn']} "
                            f"is not {snippet!r}")
        if "charOffset" in region:  # counted in code points (columnKind)
            text = data.decode("utf-8")
            got = text[region["charOffset"]:region["charOffset"] + region.get("charLength", 0)]
            if got != snippet:
                failures.append(f"{where}: charOffset/charLength give {got!r}, not {snippet!r}")
        if "byteOffset" in region:
            got = data[region["byteOffset"]:region["byteOffset"] + region["byteLength"]]
            if got.decode("utf-8", "replace") != snippet:
                failures.append(f"{where}: byteOffset/byteLength do not give {snippet!r}")

# Regression: file names went into artifactLocation.uri as they were, so a
# space, '#' (read as a fragment), '%' or a ':' (read as a scheme) made the
# URI name another file or none.
with tempfile.TemporaryDirectory() as tmp:
    folder = os.path.join(tmp, "wire copy #2")
    shutil.copytree(SEEDS, folder)
    for name in os.listdir(folder):
        if name.startswith("003"):
            os.rename(os.path.join(folder, name), os.path.join(folder, "draft: 100% é.txt"))
    odd = json.loads(render("sarif", folder))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in odd["runs"][0]["results"]
            for loc in r["locations"] + r.get("relatedLocations", [])}
    for uri in sorted(uris):
        parsed = urllib.parse.urlsplit(uri)
        if parsed.scheme or parsed.fragment or parsed.query or " " in uri:
            failures.append(f"sarif: uri {uri!r} is not a URI reference to a path")
        elif not os.path.isfile(urllib.parse.unquote(parsed.path)):
            failures.append(f"sarif: uri {uri!r} does not name a file")
    if not any("draft" in u for u in uris):
        failures.append(f"sarif: no location in the renamed draft: {sorted(uris)}")
    # The HTML report's links to the files had the same fault.
    links = set(re.findall(r'class="loc" href="([^"]*)"', render("html", folder)))
    for href in sorted(links):
        parsed = urllib.parse.urlsplit(href.replace("&amp;", "&"))
        if parsed.scheme or parsed.fragment or parsed.query or " " in href or \
                not os.path.isfile(urllib.parse.unquote(parsed.path)):
            failures.append(f"html: link {href!r} does not name its file")
    if len(links) != 5:
        failures.append(f"html: {len(links)} file links, want 5: {sorted(links)}")

def seeds_with_empty_file(tmp, folder_name, empty_name):
    """A copy of the seeds in tmp/folder_name, with an empty file that is
    skipped; returns both paths."""
    folder = os.path.join(tmp, folder_name)
    shutil.copytree(SEEDS, folder)
    empty = os.path.join(folder, empty_name)
    open(empty, "w").close()
    return folder, empty


# Regression: a path holding a backtick ended the Markdown code span
# around it, and the rest of the line rendered as code or as markup.
with tempfile.TemporaryDirectory() as tmp:
    folder, empty = seeds_with_empty_file(tmp, "wires `x`", "`empty`.txt")
    md = render("markdown", folder)
    located = [l for l in md.splitlines() if folder in l]
    for line in located:
        # The path stands in one span, fenced by more backticks than it holds.
        m = re.match(r"\s*- (`{2,}) ?(.*?) ?\1: ", line)
        if not m or folder not in m.group(2):
            failures.append(f"markdown: path not in one code span: {line[:160]!r}")
            break
    if not any(empty in l for l in located) or len(located) < 4:
        failures.append(f"markdown: {len(located)} lines name the files, the skipped one among them?")

# Regression: SARIF left out the inputs that could not be read (every other
# format lists them), so a CI run that uploads SARIF lost them in silence.
with tempfile.TemporaryDirectory() as tmp:
    folder, empty = seeds_with_empty_file(tmp, "with-skips", "empty.txt")
    odd = json.loads(render("sarif", folder))
    notes = [n.get("message", {}).get("text", "")
             for inv in odd["runs"][0].get("invocations", [])
             for n in inv.get("toolExecutionNotifications", [])]
    if notes != [f"{empty}: skipped: empty file"]:
        failures.append(f"sarif: skipped input not among the notifications: {notes}")
    if "invocations" in sarif["runs"][0]:
        failures.append("sarif: invocations without anything skipped")

# concord check: every format heads each finding with the draft's mention.
# Regression: it was the odd one out, as in audit, often a wire copy the
# editor cannot change (tunnel-feeds.jsonl:2:39 for tunnel-courier.html).
KESSLER = "fixtures/kessler-tunnel"


def check(drafts, fmt, *extra):
    proc = subprocess.run([BINARY, "check", *drafts, "--against", KESSLER, "--format", fmt,
                           *extra], capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1"))
    if proc.returncode not in (0, 1):
        sys.exit(f"concord check --format {fmt} failed ({proc.returncode}): {proc.stderr}")
    return proc.returncode, proc.stdout


def expected_head(finding, draft_ids):
    """Of the values a draft states, the one the fewest documents state; in
    it, the draft's first mention by path, line and column."""
    best = None
    for v in finding["values"]:
        mine = [e for e in v["mentions"] if e["doc"] in draft_ids]
        if not mine:
            continue
        docs = len({e["doc"] for e in v["mentions"]})
        first = min(mine, key=lambda e: (e["path"], e["line"], e["column"], e["offset"]))
        if best is None or docs < best[0]:
            best = (docs, first)
    return best[1] if best else None


def where(e):
    return f"{e['path']}:{e['line']}:{e['column']}"


courier = os.path.join(KESSLER, "tunnel-courier.html")
review = os.path.join(KESSLER, "tunnel-review.md")
for drafts in ([courier], [courier, review]):
    name = "check " + " ".join(os.path.basename(d) for d in drafts)
    code, out = check(drafts, "json")
    saved = json.loads(out)
    draft_ids = {d["id"] for d in saved["documents"] if d["path"] in drafts}
    if saved.get("drafts") != sorted(draft_ids):
        failures.append(f"{name}: json drafts {saved.get('drafts')}, want {sorted(draft_ids)}")
    heads = []
    for f in saved["findings"]:
        want = expected_head(f, draft_ids)
        if want is None or want["path"] not in drafts:
            failures.append(f"{name}: finding {f['id']} has no mention in a draft")
            continue
        heads.append(where(want))
        if f.get("location") != want:
            failures.append(f"{name}: json location {f.get('location')} is not {where(want)}")
    if not heads or len(heads) != len(saved["findings"]):
        failures.append(f"{name}: {len(heads)} heads for {len(saved['findings'])} findings")
        continue
    # Text: the `path:line:col: severity:` lines.
    _, text = check(drafts, "text")
    got = [l.split(": ")[0] for l in text.splitlines() if re.match(r"\S.*: (error|warning|info): ", l)]
    if got != heads:
        failures.append(f"{name}: text heads {got}, want {heads}")
    # Markdown: the location before each finding's message.
    _, md = check(drafts, "markdown")
    got = re.findall(r"^## \d+\..*\n\n`([^`]*)`: ", md, re.M)
    if got != heads:
        failures.append(f"{name}: markdown heads {got}, want {heads}")
    # HTML: the heading link of each finding, to the draft's file.
    _, page = check(drafts, "html")
    got = re.findall(r'<a class="loc head" href="([^"]*)">([^<]*)</a>', page)
    if [h for _, h in got] != heads or \
            any(urllib.parse.unquote(u) != h.rsplit(":", 2)[0] for u, h in got):
        failures.append(f"{name}: html heads {got}, want {heads}")
    # SARIF: each result's location (the one code scanning annotates).
    _, sarif_out = check(drafts, "sarif")
    got = []
    for r in json.loads(sarif_out)["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        got.append(f"{urllib.parse.unquote(loc['artifactLocation']['uri'])}:"
                   f"{loc['region']['startLine']}:{loc['region']['startColumn']}")
    if got != heads:
        failures.append(f"{name}: sarif locations {got}, want {heads}")
    # A saved check report re-renders as check renders it, in every format.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "check.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        for fmt in ("json", "text", "markdown", "html", "sarif"):
            proc = subprocess.run([BINARY, "report", path, "--format", fmt], capture_output=True,
                                  text=True, env=dict(os.environ, NO_COLOR="1"))
            if proc.stdout != check(drafts, fmt)[1]:
                failures.append(f"{name}: 'concord report' of the saved JSON differs in {fmt}")
    # Exit codes and --fail-on are as before.
    if code != 1 or check(drafts, "text", "--fail-on", "never")[0] != 0:
        failures.append(f"{name}: exit {code}, or --fail-on never did not pass")
    if heads[0] != "fixtures/kessler-tunnel/tunnel-courier.html:17:64":
        failures.append(f"{name}: first finding headed at {heads[0]}")

# Audit stays as it was: no drafts, no location, the odd one out heads.
audit = json.loads(render("json", KESSLER))
if "drafts" in audit or any("location" in f for f in audit["findings"]):
    failures.append("audit: JSON report has drafts or locations")
odd_one_out = []
for f in audit["findings"]:
    values = [v for v in f["values"] if v["mentions"]]
    fewest = min(values, key=lambda v: len({e["doc"] for e in v["mentions"]}))
    odd_one_out.append(where(fewest["mentions"][0]))
got = [f"{urllib.parse.unquote(r['locations'][0]['physicalLocation']['artifactLocation']['uri'])}:"
       f"{r['locations'][0]['physicalLocation']['region']['startLine']}:"
       f"{r['locations'][0]['physicalLocation']['region']['startColumn']}"
       for r in json.loads(render("sarif", KESSLER))["runs"][0]["results"]]
if got != odd_one_out:
    failures.append(f"audit: sarif locations {got}, want the odd ones out {odd_one_out}")
if "loc head" in render("html", KESSLER) or re.search(r"^`[^`]*`: ", render("markdown", KESSLER), re.M):
    failures.append("audit: html or markdown reports gained a headline location")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"markdown and SARIF reports check out ({len(findings)} findings)")
