#!/usr/bin/env python3
"""Writes the starter's additional-spring-configuration-metadata.json from the exporter tables of
docs/CONFIGURATION.md, so that IDEs complete every symphra.exporter.* key. Run from the repository root after a
key is added to the docs; ExporterMetadataTest fails while the two disagree."""
import json
import re

DOC = "docs/CONFIGURATION.md"
OUT = "spring-boot-starter/src/main/resources/META-INF/additional-spring-configuration-metadata.json"

properties = {}
for line in open(DOC, encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
    key = re.fullmatch(r"`(symphra\.exporter\.[a-z0-9-]+\.[a-z0-9.-]+)`", cells[0]) if cells else None
    if not key or key.group(1) in properties:
        continue
    name = key.group(1)
    entry = {"name": name, "type": "java.lang.String"}
    if len(cells) == 3 and cells[2].startswith("`renamed"):
        entry["deprecation"] = {"level": "error", "replacement": cells[1].strip("`")}
    elif len(cells) >= 4:
        text = re.sub(r"\*\*|`", "", cells[3])
        entry["description"] = text[:1].upper() + text[1:].rstrip(".") + ". Environment: " + re.sub(r"`", "", cells[2]) + "."
        default = re.fullmatch(r"`([^`]*)`", cells[1])
        if default:
            entry["defaultValue"] = default.group(1)
    properties[name] = entry

document = {
    "groups": [{
        "name": "symphra.exporter",
        "description": "The exporters' own keys, passed to the scheduler unchanged; each exporter checks its keys when the scheduler is built.",
    }],
    "properties": sorted(properties.values(), key=lambda p: p["name"]),
}
with open(OUT, "w", encoding="utf-8") as out:
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
print(len(properties), "keys")
