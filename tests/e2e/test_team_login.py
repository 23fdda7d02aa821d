"""Sign-in on the team deployment (docs/team.md), in Chromium, against a real OpenID Connect provider on loopback:
oauth2-mock-server from the npm registry (tests/oidc/), with discovery, PKCE, a nonce and RS256-signed ID tokens
that Streamlit's Authlib client checks. The deployment is nginx and 2 workers from deploy/'s templates.

The sign-in tests skip, saying how to enable them, without Node.js or the provider's npm package (.ci/run installs
both). The last test, notes with sign-in, runs on the same deployment with or without the provider: its identities
are Streamlit's identity cookies signed with the server's own secret, made from the format as the control case
here makes them, and it checks that the author is the signed-in identity, shown without "not verified", and that
another signed-in analyst cannot edit the note."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from monitor.notes.store import NotesStore, default_path
from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, query_of, settle
from tests.e2e.team import copy_db, free_ports, team_server

OIDC = ROOT / "tests" / "oidc"
EMAIL, NAME = "analyst@example.org", "Ana Lyst"
DEEP_LINK = "/un-votes?res=A/RES/75/287&c=MMR"
USER_COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie
GATE = 'button:has-text("Log in")'


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str | None]:
    """The provider's base URL, or None without Node.js or its npm package (the deployment then points at a port
    where nothing answers: only the notes test can run)."""
    node = shutil.which("node")
    if node is None or not (OIDC / "node_modules" / "oauth2-mock-server").exists():
        yield None
        return
    port = free_ports(1)
    proc = subprocess.Popen([node, "provider.mjs", str(port), EMAIL, NAME], cwd=OIDC, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("ready "), line + proc.stdout.read()
        yield line.split()[1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cookie_secret() -> str:
    return secrets.token_hex(32)


@pytest.fixture(scope="module")
def signed_team(bundled_db, tmp_path_factory, chromium_path, provider_url, cookie_secret):
    """The deployment with sign-in configured, on a copy of the bundled database (the notes test writes to it)."""
    provider = provider_url or "http://127.0.0.1:9"
    folder = tmp_path_factory.mktemp("team-login")
    secrets_file = folder / "secrets.toml"
    port = free_ports(3)  # the proxy's, then the two workers'
    secrets_file.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "conflict-monitor"
client_secret = "a-test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""")
    with team_server(copy_db(bundled_db, folder), folder / "run", secrets=secrets_file, port=port) as d:
        yield d


@pytest.fixture()
def team(signed_team, provider_url):
    """The deployment, for the tests that need the provider: skipped without it."""
    if provider_url is None:
        pytest.skip("the sign-in tests need Node.js and the provider's npm package: apt-get install nodejs npm, "
                    "then npm ci --prefix tests/oidc (.ci/run does both)")
    return signed_team


def _sees_only_the_gate(page) -> None:
    page.wait_for_selector(GATE, timeout=120_000)
    page.wait_for_timeout(1500)  # anything a page would draw after the gate has had its time
    body = page.inner_text("body")
    assert "This server is for the team only" in body
    assert "A/RES/75/287" not in body and "Myanmar" not in body and "119" not in body
    assert page.query_selector('[data-testid="stSidebarUserContent"] [data-testid="stMultiSelect"]') is None
    assert page.query_selector('[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]') is None


def test_a_signed_out_visitor_sees_only_the_sign_in(team, context):
    page = context.new_page()
    page.goto(team.url + DEEP_LINK)
    _sees_only_the_gate(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "team-sign-in.png"))


def test_a_shared_link_comes_back_after_sign_in_and_the_sidebar_says_who(team, context):
    page = context.new_page()
    page.goto(team.url + DEEP_LINK)
    page.wait_for_selector(GATE, timeout=120_000)
    page.click(GATE)  # to the provider, which approves at once, then /oauth2callback, then the app's root …
    page.wait_for_url("**/un-votes?**", timeout=120_000)  # … and back to the link the colleague was sent
    settle(page, timeout=120_000)
    shown = query_of(page.url)
    assert (shown["res"], shown["c"]) == (["A/RES/75/287"], ["MMR"])
    assert "A/RES/75/287" in page.inner_text("body") and errors_on(page) == []
    sidebar = page.inner_text('[data-testid="stSidebar"]').replace("\u2060", "")  # md() keeps @ from linking
    assert f"Logged in as {NAME} ({EMAIL})" in sidebar
    assert any(c["name"] == USER_COOKIE for c in context.cookies())
    page.screenshot(path=str(ARTIFACTS / "team-signed-in.png"))
    log_out = page.get_by_role("button", name="Log out")
    log_out.scroll_into_view_if_needed()
    page.locator('[data-testid="stSidebar"]').screenshot(path=str(ARTIFACTS / "team-signed-in-sidebar.png"))
    log_out.click()
    _sees_only_the_gate(page)
    assert not any(c["name"] == USER_COOKIE for c in context.cookies())


def _identity_cookie(secret: str, origin: str, age_days: float = 0) -> str:
    """Streamlit's identity cookie as its callback writes it (itsdangerous, salted with the cookie's name), signed
    `age_days` ago. Written here from the format, not with Streamlit's code."""
    class SignedThen(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    payload = {"email": EMAIL, "name": NAME, "origin": origin, "is_logged_in": True, "provider": "default"}
    return URLSafeTimedSerializer(secret, salt=USER_COOKIE, signer=SignedThen).dumps(json.dumps(payload))


def _open_with_identity(team, browser, value: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_cookies([{"name": USER_COOKIE, "value": value, "url": team.url}])
    page = context.new_page()
    page.goto(team.url + DEEP_LINK)
    return context, page


def test_a_cookie_signed_with_the_servers_secret_is_let_in(team, browser, cookie_secret):
    # The control for the two below: a cookie made this way is one the server accepts.
    context, page = _open_with_identity(team, browser, _identity_cookie(cookie_secret, team.url))
    try:
        settle(page, timeout=120_000)
        assert "A/RES/75/287" in page.inner_text("body")
    finally:
        context.close()


@pytest.mark.parametrize("forgery", ["another secret", "expired", "unsigned"])
def test_a_forged_or_expired_cookie_gets_no_data(team, browser, cookie_secret, forgery):
    value = {"another secret": lambda: _identity_cookie(secrets.token_hex(32), team.url),
             "expired": lambda: _identity_cookie(cookie_secret, team.url, age_days=32),  # kept 30 days (+1 grace)
             "unsigned": lambda: json.dumps({"email": EMAIL, "origin": team.url, "is_logged_in": True},
                                           separators=(",", ":"))}[forgery]()
    context, page = _open_with_identity(team, browser, value)
    try:
        _sees_only_the_gate(page)
    finally:
        context.close()


TIMELINE = "/timeline?c=MMR&from=2021-01-01&to=2021-07-31"
AUTHOR, OTHER = "analyst@example.org", "colleague@example.org"


def _as(browser, team, secret: str, email: str):
    """A browser context signed in as `email` (Streamlit's identity cookie, itsdangerous, salted with its name)."""
    payload = {"email": email, "name": email.split("@")[0], "origin": team.url, "is_logged_in": True,
               "provider": "default"}
    cookie = URLSafeTimedSerializer(secret, salt=USER_COOKIE).dumps(json.dumps(payload))
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.add_cookies([{"name": USER_COOKIE, "value": cookie, "url": team.url}])
    return context


def test_a_signed_in_author_is_verified_and_only_they_may_edit(signed_team, browser, cookie_secret):
    team, secret, db = signed_team, cookie_secret, signed_team.db
    author = _as(browser, team, secret, AUTHOR)
    page = author.new_page()
    page.goto(team.url + TIMELINE)
    settle(page, timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add a note to this link").click()
    note = sidebar.get_by_label("Note (plain text; http(s) links become links)")
    note.wait_for(state="visible", timeout=60_000)
    settle(page, timeout=60_000)  # the form as the finished run drew it: typing into one being redrawn can be lost
    assert sidebar.get_by_label("Your name (shown as not verified: no sign-in here)").count() == 0
    note.fill("Signed and verified")
    sidebar.get_by_role("button", name="Add note").click()
    # two workers behind nginx and a sign-in provider, beside the rest of the suite: a busy machine's minute or two
    page.wait_for_function("() => location.search.includes('note=')", timeout=120_000)
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
