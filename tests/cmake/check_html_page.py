#!/usr/bin/env python3
"""Checks of the HTML report as a browser and an XML parser see it.

  check_html_page.py xml PAGE
      the page parses as XML (it is written as XHTML-compatible markup)
  check_html_page.py chromium PAGE SCREENSHOT
      headless Chromium loads it with no console errors, every <svg> has a non-zero width and
      height, every section is present; saves a screenshot. Exits 77 (skipped) without chromium.
"""
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


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "xml":
        check_xml(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "chromium":
        check_chromium(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
