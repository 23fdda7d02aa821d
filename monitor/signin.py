"""Sign-in on a team server (docs/team.md): what the app adds to Streamlit's st.login.

Streamlit's OIDC callback (/oauth2callback) always sends the browser back to the app's root: st.login takes a
provider name and nothing else, so a shared link (/un-votes?res=A/RES/75/287&c=MMR) opened by a signed-out colleague
would lose its page and its query string. The sign-in page therefore remembers the link in the tab's
sessionStorage, and the first signed-in page load opens it again. The scripts are constants (nothing from a URL or
the data is written into them) and they only ever go to a path on the same server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from monitor.text import one_line

STORAGE_KEY = "conflict-monitor.return-to"

# On the sign-in page: the link this tab was opened with (per tab, so three links in three tabs come back each
# to its own view).
REMEMBER_LINK = f"""<script>
sessionStorage.setItem("{STORAGE_KEY}", window.location.pathname + window.location.search);
</script>"""

# On the first signed-in page load: back to the remembered link, once, and only to a path on this server.
RETURN_TO_LINK = f"""<script>
(() => {{
  const to = sessionStorage.getItem("{STORAGE_KEY}");
  sessionStorage.removeItem("{STORAGE_KEY}");
  const here = window.location.pathname + window.location.search;
  if (to && to.startsWith("/") && !to.startsWith("//") && !to.includes("\\\\") && to !== here) {{
    window.location.replace(to);
  }}
}})();
</script>"""


def signed_in_as(user: Mapping[str, Any]) -> str:
    """Who is signed in, as plain text: "Name (email)", or whichever of the two the provider gave."""
    name, email = one_line(user.get("name") or ""), one_line(user.get("email") or "")
    if name and email and name != email:
        return f"{name} ({email})"
    return name or email or one_line(user.get("sub") or "an unnamed account")
