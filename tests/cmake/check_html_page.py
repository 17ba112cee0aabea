#!/usr/bin/env python3
"""Checks of the HTML report as a browser and an XML parser see it.

  check_html_page.py xml PAGE
      the page parses as XML (it is written as XHTML-compatible markup)
  check_html_page.py chromium PAGE SCREENSHOT
      headless Chromium loads it with no console errors, every <svg> has a non-zero width and
      height, every section is present; saves a screenshot. Exits 77 (skipped) without chromium.
  check_html_page.py layout PAGE OUTDIR
      the page as a person meets it at 1280 and at 400 CSS px: a copy with html_layout_probe.js
      appended is laid out by headless Chromium, which measures it and writes the measures into the
      DOM; nothing may stick out of the page or make a table scroll, no chart text may render below
      11 CSS px or be clipped or drawn over another, the S-curve's labels must not sit on the curve,
      and at 1280 px the summary cards keep one row. Screenshots at both widths and a print to PDF
      go to OUTDIR. Exits 77 (skipped) without chromium.
"""
import html as htmlmod
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77
SECTIONS = ["summary", "value", "sensitivity", "switching-values", "uncertainty", "scenarios",
            "impact-map", "inputs", "assumptions", "warnings", "principles"]


def check_xml(page):
    tree = ET.parse(page)
    svgs = tree.getroot().iter("{http://www.w3.org/2000/svg}svg")
    count = sum(1 for _ in svgs)
    if count == 0:
        sys.exit(f"{page}: no <svg> chart found")
    print(f"{page}: well-formed XML, {count} charts")


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(binary, args, profile):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
               f"--user-data-dir={profile}"] + args
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def check_chromium(page, screenshot):
    binary = chromium_binary()
    if binary is None:
        print("chromium not found: skipped")
        sys.exit(SKIP)
    url = "file://" + os.path.abspath(page)
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        dom = run_chromium(binary, ["--dump-dom", url], profile)
        if dom.returncode != 0:
            sys.exit(f"chromium --dump-dom failed ({dom.returncode}):\n{dom.stderr}")
        shot = run_chromium(binary, [f"--screenshot={os.path.abspath(screenshot)}", "--window-size=1200,3000",
                                     "--hide-scrollbars", url], profile)
    for run in (dom, shot):
        for line in run.stderr.splitlines():
            if "CONSOLE" in line or "Uncaught" in line:
                failures.append("console message: " + line)
    html = dom.stdout
    svgs = re.findall(r"<svg\b[^>]*>", html)
    if not svgs:
        failures.append("the DOM has no <svg>")
    for tag in svgs:
        width = re.search(r'\bwidth="([0-9.]+)"', tag)
        height = re.search(r'\bheight="([0-9.]+)"', tag)
        if not width or not height or float(width.group(1)) <= 0 or float(height.group(1)) <= 0:
            failures.append("chart without a size: " + tag[:120])
    for section in SECTIONS:
        if f'id="{section}"' not in html:
            failures.append(f"section '{section}' missing from the DOM")
    if "<script" in html:
        failures.append("the DOM contains a script")
    if not os.path.exists(screenshot) or os.path.getsize(screenshot) < 10000:
        failures.append(f"no screenshot written ({shot.returncode}): {shot.stderr[-2000:]}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"{page}: rendered by {binary}; {len(svgs)} charts; screenshot {screenshot}")


MIN_CHART_TEXT_PX = 11
WIDTHS = (1280, 400)


def framed(page, width, height, workdir, name, probe=None):
    """A page holding PAGE in an iframe WIDTH x HEIGHT px (Chromium's windows are at least 500 px
    wide; the frame is the viewport the page's media queries see), the probe appended if given."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    if probe is not None:
        text = text.replace("</body>", "<script>\n" + probe + "\n</script>\n</body>")
    host = os.path.join(workdir, name)
    with open(host, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><style>html, body { margin: 0; "
                "background: #999; } iframe { display: block; border: 0; background: #fff; }</style></head>"
                f"<body><iframe width=\"{width}\" height=\"{height}\" srcdoc=\"{htmlmod.escape(text, quote=True)}\">"
                "</iframe></body></html>\n")
    return "file://" + host


def measure(binary, page, width, profile, workdir):
    """The probe's JSON for PAGE laid out WIDTH px wide."""
    probe = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "html_layout_probe.js")).read()
    url = framed(page, width, 900, workdir, f"probe-{width}.html", probe)
    run = run_chromium(binary, [f"--window-size={max(width, 500)},900", "--hide-scrollbars",
                                "--virtual-time-budget=2000", "--dump-dom", url], profile)
    found = None  # the last match
    for found in re.finditer(r'<pre id="layout-report">([^<]*)</pre>', run.stdout):
        pass
    if run.returncode != 0 or not found:
        sys.exit(f"chromium --dump-dom at {width} px gave no layout report ({run.returncode}):\n{run.stderr[-3000:]}")
    return json.loads(htmlmod.unescape(found.group(1)))


def layout_failures(m, width):
    failures = []
    where = f"at {width} px"
    if m["innerWidth"] != width:
        failures.append(f"{where}: the window is {m['innerWidth']} px wide, not {width}")
    if m["scrollWidth"] > m["clientWidth"]:
        failures.append(f"{where}: the page scrolls sideways: scrollWidth {m['scrollWidth']} > "
                        f"clientWidth {m['clientWidth']}")
    for o in m["outside"]:
        failures.append(f"{where}: {o['element']} sticks out of the page ({o['left']} to {o['right']} px): "
                        f"{o['text']!r}")
    for o in m["scrolling"]:
        failures.append(f"{where}: {o['element']} scrolls sideways ({o['scrollWidth']} > {o['clientWidth']} px): "
                        f"{o['text']!r}")
    if not m["charts"]:
        failures.append(f"{where}: no chart is shown")
    for c in m["charts"]:
        name = f"{where}: chart {c['id'] or '?'} (scale {c['scale']})"
        if c["smallest"] and c["smallest"]["px"] < MIN_CHART_TEXT_PX:
            failures.append(f"{name}: text renders at {c['smallest']['px']} px: {c['smallest']['text']!r}")
        for t in c["clipped"]:
            failures.append(f"{name}: text cut off at the chart's edge: {t!r}")
        for a, b in c["overlapping"]:
            failures.append(f"{name}: texts drawn over each other: {a!r} and {b!r}")
        for lab in c["curveLabels"]:
            if lab["onCurve"]:
                failures.append(f"{name}: the label {lab['label']!r} overlaps the curve")
    for k, shown in enumerate(m["figures"]):
        if shown != 1:
            failures.append(f"{where}: figure {k + 1} shows {shown} charts, not 1")
    for card in m["cards"]:
        if card["overflow"]:
            failures.append(f"{where}: the summary card {card['text']!r} overflows")
    if width >= 1280 and len({card["top"] for card in m["cards"]}) > 1:
        failures.append(f"{where}: the summary cards take {len({card['top'] for card in m['cards']})} rows, not 1")
    return failures


def check_layout(page, outdir):
    binary = chromium_binary()
    if binary is None:
        print("chromium not found: skipped")
        sys.exit(SKIP)
    os.makedirs(outdir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(page))[0]
    url = "file://" + os.path.abspath(page)
    failures = []
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as workdir:
        for width in WIDTHS:
            m = measure(binary, page, width, profile, workdir)
            with open(os.path.join(outdir, f"{stem}-layout-{width}.json"), "w") as f:
                json.dump(m, f, indent=1)
            smallest = m["smallestText"] or {"px": 0, "text": "", "chart": ""}
            print(f"{width} px: scrollWidth {m['scrollWidth']} / clientWidth {m['clientWidth']}; "
                  f"{len(m['charts'])} charts shown; smallest chart text {smallest['px']} px "
                  f"({smallest['text']!r} in {smallest['chart']}); card rows {len({c['top'] for c in m['cards']})}")
            failures += layout_failures(m, width)
            shot = os.path.abspath(os.path.join(outdir, f"{stem}-{width}.png"))
            height = max(900, min(int(m["scrollHeight"]), 16000))
            host = framed(page, width, height, workdir, f"shot-{width}.html")
            run = run_chromium(binary, [f"--screenshot={shot}", f"--window-size={max(width, 500)},{height}",
                                        "--hide-scrollbars", host], profile)
            if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
                failures.append(f"no screenshot at {width} px ({run.returncode}): {run.stderr[-2000:]}")
        pdf = os.path.abspath(os.path.join(outdir, f"{stem}.pdf"))
        run = run_chromium(binary, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url], profile)
        if not os.path.exists(pdf) or os.path.getsize(pdf) < 10000:
            failures.append(f"no PDF printed ({run.returncode}): {run.stderr[-2000:]}")
    if failures:
        sys.exit(f"{page}: {len(failures)} layout problems\n" + "\n".join(failures))
    print(f"{page}: laid out cleanly at {' and '.join(str(w) for w in WIDTHS)} px; screenshots and PDF in {outdir}")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "xml":
        check_xml(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "chromium":
        check_chromium(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "layout":
        check_layout(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
