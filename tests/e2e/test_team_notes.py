"""Notes with sign-in, on the team deployment (nginx, 2 workers sharing one notes store) in Chromium: the author is
the signed-in identity, shown without "not verified", and another signed-in analyst cannot edit the note.

Identities are Streamlit's identity cookies signed with the server's own secret, made from the format as
tests/e2e/test_team_login.py's control case makes them (that file signs in through the real provider)."""

from __future__ import annotations

import json

import pytest
from itsdangerous import URLSafeTimedSerializer

from monitor.notes.store import NotesStore, default_path
from tests.e2e.helpers import errors_on, query_of, settle
from tests.e2e.team import copy_db, free_ports, team_server
from tests.e2e.test_team_login import USER_COOKIE

TIMELINE = "/timeline?c=MMR&from=2021-01-01&to=2021-07-31"
AUTHOR, OTHER = "analyst@example.org", "colleague@example.org"


@pytest.fixture(scope="module")
def signed_team(bundled_db, tmp_path_factory, chromium_path):
    """A team deployment with sign-in configured (no provider is asked: the identity cookies are signed here)."""
    folder = tmp_path_factory.mktemp("team-notes")
    secret = "a-cookie-secret-for-the-notes-test-0123456789abcdef"
    port = free_ports(3)
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secret}"
client_id = "conflict-monitor"
client_secret = "a-test-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
""")
    db = copy_db(bundled_db, folder)
    with team_server(db, folder / "run", secrets=secrets_file, port=port) as d:
        yield d, secret, db


def _as(browser, team, secret: str, email: str):
    """A browser context signed in as `email` (Streamlit's identity cookie, itsdangerous, salted with its name)."""
    payload = {"email": email, "name": email.split("@")[0], "origin": team.url, "is_logged_in": True,
               "provider": "default"}
    cookie = URLSafeTimedSerializer(secret, salt=USER_COOKIE).dumps(json.dumps(payload))
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.add_cookies([{"name": USER_COOKIE, "value": cookie, "url": team.url}])
    return context


def test_a_signed_in_author_is_verified_and_only_they_may_edit(signed_team, browser):
    team, secret, db = signed_team
    author = _as(browser, team, secret, AUTHOR)
    page = author.new_page()
    page.goto(team.url + TIMELINE)
    settle(page, timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add a note to this link").click()
    assert sidebar.get_by_label("Your name (shown as not verified: no sign-in here)").count() == 0
    sidebar.get_by_label("Note (plain text; http(s) links become links)").fill("Signed and verified")
    sidebar.get_by_role("button", name="Add note").click()
    page.wait_for_function("() => location.search.includes('note=')", timeout=60_000)
    settle(page, timeout=60_000)
    note_id = int(query_of(page.url)["note"][0])
    main = page.inner_text('[data-testid="stMain"]').replace("\u2060", "")
    assert f"Note {note_id} · {AUTHOR} · " in main and "not verified" not in main
    author.close()

    colleague = _as(browser, team, secret, OTHER)
    page = colleague.new_page()
    page.goto(team.url + TIMELINE)
    settle(page, timeout=60_000)
    card = page.locator(f'.st-key-note-{note_id}')
    card.get_by_role("button", name="Edit").click()
    page.get_by_label("Note", exact=True).fill("Changed by a colleague")
    page.get_by_role("button", name="Save").click()
    settle(page, timeout=60_000)
    refused = page.inner_text('[data-testid="stMain"]').replace("\u2060", "")
    assert f"Only its author ({AUTHOR}), signed in, can edit note {note_id}." in refused
    assert [e.replace("\u2060", "").split("\n")[-1] for e in errors_on(page)] == [  # after the icon's name
        f"Only its author ({AUTHOR}), signed in, can edit note {note_id}."]  # the refusal, and nothing else
    colleague.close()
    kept = NotesStore(f"sqlite:///{default_path(db)}").get(note_id)
    assert (kept.text, kept.author, kept.author_verified, kept.edited_at) == ("Signed and verified", AUTHOR, True,
                                                                             None)
