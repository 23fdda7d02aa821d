"""Conflict Monitor: the entry point. Navigation over app_pages/, the shared filters, nothing else.

The filters live here, not in the pages, so they survive page switches and stay in the URL
(DESIGN.md explains why the pages folder is app_pages/, not pages/).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from app_pages.common import lens_pickers, notes_block, q, q_latest, save_note, shown_note, store, version_notice
from monitor import briefing, links, pinned, signin, urls
from monitor.countries import all_countries, country_name
from monitor.queries.filters import DEFAULT_YEARS, Filters, data_date_range, default_span, longest_event_days
from monitor.store import Store, outdated_notice, upgrade_command
from monitor.text import md
from monitor.views.pages import UNPINNED

# A local icon: Streamlit fetches material-symbol favicons from Google's font CDN.
FAVICON = Path(__file__).parent / "static" / "favicon.png"
st.set_page_config(page_title="Conflict Monitor", page_icon=str(FAVICON), layout="wide")

PAGES = [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.path or None, default=not p.path) for p in urls.PAGES]

signed_in = st.user.get("is_logged_in")  # None without an [auth] section in secrets.toml (docs/team.md)
if signed_in is False:
    st.title("Conflict Monitor")
    st.write("This server is for the team only. Log in with your organisation's account.")
    st.html(signin.REMEMBER_LINK, unsafe_allow_javascript=True)  # the link comes back after the sign-in
    st.button("Log in", on_click=st.login, type="primary")
    st.stop()

links.begin_run()
page = st.navigation(PAGES)
warnings_slot = st.container()
version_slot = st.container()
note_slot = st.container()  # the note a link asks for (`note`), at the top of the view

if not store().exists():
    st.error(f"No database at {store().path}. Build it with `make run` or `python -m etl build`.")
    st.stop()
if missing := q_latest(Store.missing_schema):  # the app never writes to the database: the ETL upgrades it
    st.error(md(outdated_notice(store().path, missing)), icon=":material/upgrade:")
    st.code(upgrade_command(store().path), language="bash")
    st.stop()

# `v`: the data version the link pins (None: the latest); every query of the run reads that version
all_versions = q_latest(pinned.all_versions)
links.bind(urls.VERSION, "data_version", allowed=[v.number for v in all_versions])
newest = all_versions[-1] if all_versions else None
chosen = st.session_state["data_version"]
st.session_state["_pinned"] = chosen if newest and chosen is not None and chosen != newest.number else None

first, last = q(data_date_range, ())  # the whole database's span: the date pickers' bounds


def show_span(start: date, end: date) -> None:
    st.session_state["f_from"], st.session_state["f_to"] = start, end


with st.sidebar:
    if signed_in:  # who is signed in, above the filters (docs/team.md)
        st.caption(md(f"Logged in as {signin.signed_in_as(st.user.to_dict())}"))
        st.button("Log out", on_click=st.logout, icon=":material/logout:", type="tertiary")
        st.html(signin.RETURN_TO_LINK, unsafe_allow_javascript=True)  # a link opened before the sign-in, once
        st.divider()
    st.subheader("Filters")
    links.bind(urls.COUNTRIES, "f_countries")
    # The picker lists today's states; a link may name any state countries.py knows (SUN, YUG …): keep it.
    codes = [code for code, _ in all_countries()]
    codes += [c for c in st.session_state["f_countries"] if c not in codes]
    st.multiselect("Countries", codes, key="f_countries", format_func=lambda c: f"{country_name(c)} ({c})",
                   placeholder="All countries")
    # A link without from/to opens on the last two years of the selection's data (real exports span 1866-2025:
    # drawn whole, the year that matters is a sliver); the URL then carries the dates shown.
    span = q(data_date_range, tuple(st.session_state["f_countries"]))
    recent = default_span(*span)
    links.bind(urls.FROM, "f_from", recent[0])
    links.bind(urls.TO, "f_to", recent[1])
    bounds = {"min_value": min(first, st.session_state["f_from"], st.session_state["f_to"]),
              "max_value": max(last, st.session_state["f_from"], st.session_state["f_to"])}
    st.date_input("From", key="f_from", format="YYYY-MM-DD", **bounds)
    st.date_input("To", key="f_to", format="YYYY-MM-DD", **bounds)
    whole, latest = st.columns(2)
    whole.button(f"All {span[0].year}–{span[1].year}", on_click=show_span, args=span, width="stretch",
                 disabled=(st.session_state["f_from"], st.session_state["f_to"]) == span,
                 help="The whole span of the selection's data")
    latest.button(f"Last {DEFAULT_YEARS} years", on_click=show_span, args=recent, width="stretch",
                  disabled=(st.session_state["f_from"], st.session_state["f_to"]) == recent or recent == span,
                  help="The span a link without dates opens on")
    share_slot = st.container()
    st.caption(f"Data spans {first:%d %b %Y} – {last:%d %b %Y}"
               + (f"; the selection's {span[0]:%d %b %Y} – {span[1]:%d %b %Y}." if span != (first, last) else "."))

start, end, reversed_range = urls.ordered_dates(st.session_state["f_from"], st.session_state["f_to"])
if reversed_range:
    links.warn(reversed_range)
with st.sidebar, st.expander("What, who, where", expanded=True):  # type, sub, actor, region, src
    st.session_state["_filters"] = lens_pickers(Filters(start, end, tuple(st.session_state["f_countries"]),
                                                        q(longest_event_days)))

links.bind(urls.NOTE, "shown_note")
page.run()
if briefing.has_view(page.url_path):  # a view's notes, under it (the Extract page is a form, not a view)
    shown_note(note_slot)
    notes_block(page.url_path)
if st.session_state["_pinned"] is not None and page.url_path not in UNPINNED:  # there `v` ends the range shown
    version_notice(version_slot, next(v for v in all_versions if v.number == st.session_state["_pinned"]), newest)
pin = {"v": str(chosen or (newest.number if newest else ""))}  # the share box always carries the version
links.finish_run(warnings_slot, share_slot, pin)
if briefing.has_view(page.url_path):  # the Extract page is a review form, not a view to brief
    with share_slot:  # the same file as `python -m monitor.briefing LINK`, made only when asked for
        link = links.share_link(pin)
        st.download_button("Download briefing", data=lambda: briefing.build(store(), link).encode(), mime="text/html",
                           file_name=f"briefing-{page.url_path or 'overview'}-{date.today():%Y-%m-%d}.html",
                           on_click="ignore", icon=":material/download:",
                           help="This view as one HTML file: charts, figures, tables and full citations; opens with no "
                                "network and prints to PDF")
        links.note_box(page.url_path, pin, save_note)
