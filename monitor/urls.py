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


def parse_page(value: str) -> int:
    """The Data page's screen: '2' -> 2 (1 is the first); a ValueError says what is wrong."""
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{value!r} is not a page number (1, 2, 3 …)")
    return int(value)


def encode_page(page: int) -> str:
    """The first page is the default, so it stays out of the link."""
    return "" if page == 1 else str(page)
