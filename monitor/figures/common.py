"""What every page's figures share: the offline basemap and its look. (Data text: monitor.text.plot.)"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

# plotly.js fetches its basemap from a CDN unless told otherwise; static/topojson/ serves it from the app.
# Relative to the page, so it also works under a server.baseUrlPath (pages have one-segment paths).
GEO_CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}


def world_geo(fig: go.Figure, **geo: Any) -> go.Figure:
    """The common basemap look: the 110m world that static/topojson/ serves, land and borders drawn."""
    # Equirectangular with Antarctica cropped fills a wide column; rounded projections get clipped at the edges.
    if "fitbounds" not in geo:  # a fixed range would stop plotly zooming to the data
        geo.setdefault("lataxis_range", [-58, 84])
    fig.update_geos(projection_type="equirectangular", resolution=110, showframe=False, showcountries=True,
                    countrycolor="#8c8c8c", countrywidth=0.5, showcoastlines=True, coastlinecolor="#8c8c8c",
                    showland=True, landcolor="#f4f1ea", showocean=True, oceancolor="#e8f0f6", **geo)
    fig.update_layout(margin=dict(l=0, r=0, t=30, b=0))
    return fig
