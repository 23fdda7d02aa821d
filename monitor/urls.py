"""Every URL key the pages read, declared once: its parser, encoder, default and warning. Pure: no Streamlit."""

from __future__ import annotations


def parse_place(value: str) -> tuple[float, float]:
    """'55.7520,37.6178' -> (55.752, 37.6178); a ValueError says what is wrong."""
    parts = value.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"{value!r} is not a place (use lat,lon, e.g. 55.7520,37.6178)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{value!r} is off the globe (latitude -90..90, longitude -180..180)")
    return lat, lon
