#!/usr/bin/env python3
"""Adds up the JUnit reports of every module (maven-surefire and tycho-surefire) and the shell
checks' own counts, and prints one closing line: "tests: N passed, M failed, K skipped".

Usage: test-summary.py REPO EXTRA_PASSED EXTRA_FAILED
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

repo, extra_passed, extra_failed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
total = failed = skipped = 0
reports = []
for modules in ("bundles", "tests"):
    reports += glob.glob(os.path.join(repo, modules, "*", "target", "surefire-reports", "TEST-*.xml"))
for report in reports:
    suite = ET.parse(report).getroot()
    total += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
passed = total - failed - skipped + extra_passed
print(f"tests: {passed} passed, {failed + extra_failed} failed, {skipped} skipped")
