#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
"""Helps translators fill translations/skynet_<lang>.ts without Qt Linguist.

  translations.py todo LANG            prints the unfinished messages as JSON
                                       {"Context": {"source": "" or ["", ""] for plurals}}
  translations.py fill LANG FILE.json  writes the translations of FILE.json into the .ts file
                                       (same shape; empty strings are skipped) and marks them done
  translations.py check                exits 1 when a .ts file has unfinished messages

Refresh the sources first with `cmake --build build --target update_translations`.
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "translations"


def ts_path(lang):
    return ROOT / ("skynet_%s.ts" % lang)


def messages(tree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def unfinished(message):
    tr = message.find("translation")
    return tr is None or tr.get("type") in ("unfinished",) or (
        not (tr.text or "").strip() and not list(tr))


def todo(lang):
    tree = ET.parse(ts_path(lang))
    out = {}
    for name, message in messages(tree):
        if not unfinished(message):
            continue
        source = message.findtext("source")
        out.setdefault(name, {})[source] = ["", ""] if message.get("numerus") == "yes" else ""
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


def fill(lang, json_path):
    with open(json_path, encoding="utf-8") as f:
        table = json.load(f)
    path = ts_path(lang)
    tree = ET.parse(path)
    done = 0
    for name, message in messages(tree):
        value = table.get(name, {}).get(message.findtext("source"))
        if not value:
            continue
        tr = message.find("translation")
        if tr is None:
            tr = ET.SubElement(message, "translation")
        for child in list(tr):
            tr.remove(child)
        if isinstance(value, list):
            tr.text = None
            for form in value:
                ET.SubElement(tr, "numerusform").text = form
        else:
            tr.text = value
        tr.attrib.pop("type", None)
        done += 1
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    print("%s: %d translations written" % (path.name, done), file=sys.stderr)


def check():
    bad = 0
    for path in sorted(ROOT.glob("skynet_*.ts")):
        tree = ET.parse(path)
        missing = [(n, m.findtext("source")) for n, m in messages(tree) if unfinished(m)]
        for name, source in missing:
            print("%s: %s: %r is not translated" % (path.name, name, source))
        bad += len(missing)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "todo":
        todo(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2 and sys.argv[1] == "check":
        sys.exit(check())
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
