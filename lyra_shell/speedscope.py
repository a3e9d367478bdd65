"""Flame graphs for %profile -o: speedscope's "evented" JSON file format.

    {"$schema": "https://www.speedscope.app/file-format-schema.json",
     "shared": {"frames": [{"name": ...}, ...]},
     "profiles": [{"type": "evented", "name": ..., "unit": "milliseconds",
                   "startValue": 0, "endValue": T,
                   "events": [{"type": "O", "frame": i, "at": t}, ...]}],
     "name": ..., "activeProfileIndex": 0, "exporter": ...}

Open ("O") and close ("C") events must balance and nest; the tracer
produces them in exactly that order. Load the file at https://speedscope.app.
"""

from __future__ import annotations

import json

SCHEMA = "https://www.speedscope.app/file-format-schema.json"


def speedscope_document(tracer, title: str, exporter: str) -> dict:
    frames: list[dict] = []
    index: dict[tuple[str, str], int] = {}
    events = []
    start = tracer.started
    end = start
    for opening, key, at in tracer.events:
        frame = index.get(key)
        if frame is None:
            frame = index[key] = len(frames)
            name, kind = key
            # The file field shows in speedscope's detail view: where it came from.
            frames.append({"name": name, "file": "builtin" if kind == "builtin" else "user"})
        ms = (at - start) * 1000.0
        events.append({"type": "O" if opening else "C", "frame": frame, "at": ms})
        end = max(end, at)
    if tracer.finished is not None:
        end = max(end, tracer.finished)
    return {
        "$schema": SCHEMA,
        "shared": {"frames": frames},
        "profiles": [
            {
                "type": "evented",
                "name": title,
                "unit": "milliseconds",
                "startValue": 0,
                "endValue": (end - start) * 1000.0,
                "events": events,
            }
        ],
        "name": title,
        "activeProfileIndex": 0,
        "exporter": exporter,
    }


def speedscope_json(tracer, title: str, exporter: str) -> str:
    return json.dumps(speedscope_document(tracer, title, exporter), separators=(",", ":"))
