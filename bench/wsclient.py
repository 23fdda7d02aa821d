"""A light load-test client: one Streamlit session driven over its websocket, as the browser drives it, without
rendering anything.

It sends what the frontend sends to open or switch a page (a `rerun_script` BackMsg with the page's name) and
times until the server's `script_finished` for that run. It measures the server alone: no JavaScript bundle, no
layout, no plotly drawing, so 20 of them fit on 2 cores next to the server. Chromium (bench/browser.py) is the
real thing; this is for machines where 20 browser contexts would measure the browser instead of the server.
"""

from __future__ import annotations

import asyncio
import time

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

    async def __aenter__(self) -> Session:
        self.ws = await connect(self.base.replace("http://", "ws://") + "/_stcore/stream",
                                subprotocols=["streamlit"], origin=self.base, max_size=None, compression=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def view(self, page_name: str, timeout: float) -> tuple[float, list[str]]:
        """Open a page by name; seconds until its run finished, and the exceptions it showed."""
        msg = BackMsg()
        msg.rerun_script.page_name = page_name
        msg.rerun_script.query_string = ""
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
            elif kind == "script_finished" and running and \
                    fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - started, errors
