"""A light load-test client: one Streamlit session driven over its websocket, as the browser drives it, without
rendering anything.

Like a browser, it first GETs the page and keeps the cookies it is given (a proxy's route cookie keeps the
session on one worker: docs/team.md), and sends them back with the websocket. Then it sends what the frontend
sends to open or switch a page (a `rerun_script` BackMsg with the page's name) and times until the server's
`script_finished` for that run. It measures the server alone: no JavaScript bundle, no
layout, no plotly drawing, so 20 of them fit on 2 cores next to the server. Chromium (bench/browser.py) is the
real thing; this is for machines where 20 browser contexts would measure the browser instead of the server.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from http.cookiejar import CookieJar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect


class Session:
    """One analyst's websocket session with the app."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.ws: ClientConnection | None = None
        self.page_names: list[str] = []  # the app's pages as url paths ("" is the default page)
        self.bytes = 0
        self.cookies = CookieJar()
        self.codes: list[str] = []  # the code blocks the last view showed (the share box's link among them)

    def _get_page(self) -> None:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        with opener.open(self.base + "/", timeout=60) as r:
            r.read()

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    async def connect(self) -> None:
        """(Re)open the session's websocket with the cookies the server gave (the page is fetched once)."""
        if not any(True for _ in self.cookies):
            await asyncio.to_thread(self._get_page)
        if self.ws is not None:
            await self.ws.close()
        headers = {"Cookie": self.cookie_header()} if any(True for _ in self.cookies) else None
        self.ws = await connect(self.base.replace("http://", "ws://") + "/_stcore/stream",
                                subprotocols=["streamlit"], origin=self.base, max_size=None, compression=None,
                                additional_headers=headers, open_timeout=30)

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def view(self, page_name: str, timeout: float, query_string: str = "") -> tuple[float, list[str]]:
        """Open a page by name (and a link's query string); seconds until its run finished, and the exceptions it
        showed."""
        msg = BackMsg()
        msg.rerun_script.page_name = page_name
        msg.rerun_script.query_string = query_string
        self.codes = []
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        errors: list[str] = []
        running = False
        while True:
            remaining = timeout - (time.perf_counter() - started)
            if remaining <= 0:
                raise TimeoutError(f"/{page_name} did not finish within {timeout:.0f} s")
            data = await asyncio.wait_for(self.ws.recv(), remaining)
            self.bytes += len(data)
            fm = ForwardMsg.FromString(data)
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                running = True
            elif kind == "navigation":
                self.page_names = [p.url_pathname for p in fm.navigation.app_pages]
            elif kind == "delta" and fm.delta.new_element.WhichOneof("type") == "exception":
                errors.append(fm.delta.new_element.exception.message)
            elif kind == "delta" and fm.delta.new_element.WhichOneof("type") == "code":
                self.codes.append(fm.delta.new_element.code.code_text)
            elif kind == "script_finished" and running and \
                    fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - started, errors
