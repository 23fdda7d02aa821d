"""The Security Council's standing facts (UN Charter, Articles 23 and 27), without pandas: the ETL's wide format
checks them in SQL, and importing monitor.votes would load pandas into every `python -m etl` command."""

from __future__ import annotations

from datetime import date

# The Security Council's permanent members by the codes their seats were recorded under: the USSR's seat (SUN)
# passed to Russia (RUS) in December 1991; China's seat is CHN whether the Republic of China or, from 25 October
# 1971, the People's Republic held it (UN records name the member "China" throughout).
PERMANENT_MEMBERS = frozenset({"CHN", "FRA", "GBR", "USA", "SUN", "RUS"})
# Article 27: a decision needs 7 of 11 votes, and 9 of 15 once the enlarged Council sat (1 January 1966).
ENLARGED_COUNCIL = date(1966, 1, 1)
