"""The founding story (shared/seed/article.txt) is in the built database, exactly as stated."""

from __future__ import annotations

from datetime import date

ARTICLE = "alarabiya-2021-06-21"  # shared/seed/article.txt


def test_the_vote_has_its_official_totals(query):
    assert query("SELECT yes, no, abstain, vote_date, body FROM resolutions WHERE resolution_id = 'A/RES/75/287'") == [
        (119, 1, 36, date(2021, 6, 18), "UNGA")]


def test_named_votes(query):
    votes = dict(query("SELECT country_iso3, vote FROM votes WHERE resolution_id = 'A/RES/75/287'"))
    assert votes["BLR"] == "N"
    assert votes["CHN"] == "A" and votes["RUS"] == "A"


def test_at_least_870_is_kept_as_a_lower_bound(query):
    rows = query("SELECT killed_low, killed_best, killed_high, qualifier, victims, cumulative, period_start "
                 "FROM casualty_reports WHERE country_iso3 = 'MMR' AND killed_low = 870")
    assert rows == [(870, None, None, "at least", "civilians", True, date(2021, 2, 1))]
    as_of, source = query("SELECT as_of, source_id FROM casualty_reports WHERE killed_low = 870")[0]
    assert (as_of, source) == (date(2021, 6, 21), ARTICLE)


def test_moscow_meetings_name_whom_and_when(query):
    rows = query("SELECT event_date, date_precision, actor2, location, summary FROM events "
                 "WHERE event_type = 'meeting' AND source_id = ? ORDER BY actor2", [ARTICLE])
    assert [(r[0], r[1], r[3]) for r in rows] == [(date(2021, 6, 21), "reported", "Moscow"),
                                                  (date(2021, 6, 21), "day", "Moscow")]
    assert "Mikheyev" in rows[0][2] and "Rosoboronexport" in rows[0][2]
    assert "“potential military technical cooperation”" in rows[0][4]
    assert "Patrushev" in rows[1][2]
    assert "“fight against terrorism, issues related to regional security”" in rows[1][4]


def test_the_visit_and_the_conference(query):
    visit = query("SELECT visitor_name, visitor_iso3, host_iso3, city, multilateral, met, start_date FROM visits "
                  "WHERE visitor_name = 'Min Aung Hlaing' AND host_iso3 = 'RUS'")
    assert len(visit) == 1
    assert visit[0][:5] == ("Min Aung Hlaing", "MMR", "RUS", "Moscow", True)
    assert visit[0][6] == date(2021, 6, 20)
    assert "Patrushev" in visit[0][5] and "Mikheyev" in visit[0][5]
    conference = query("SELECT event_date, end_date FROM events WHERE event_type = 'conference'")
    assert conference == [(date(2021, 6, 22), date(2021, 6, 24))]


def test_deputy_defence_minister_at_the_march_parade(query):
    parade = query("SELECT event_date, date_precision, country_iso3, counterpart_iso3, summary FROM events "
                   "WHERE event_type = 'parade' AND source_id = ?", [ARTICLE])
    assert parade == [(date(2021, 3, 1), "month", "MMR", "RUS",
                       "A Russian deputy defense minister in March joined an annual parade showcasing Myanmar’s "
                       "military prowess, including Russian-made jets, tanks and helicopters.")]
    visit = query("SELECT visitor_name, start_date, city FROM visits WHERE visitor_iso3 = 'RUS' AND host_iso3 = 'MMR'")
    assert visit == [("Alexander Fomin", date(2021, 3, 26), "Naypyidaw")]


def test_russia_opposed_sanctions_in_april(query):
    rows = query("SELECT event_date, date_precision, summary FROM events "
                 "WHERE event_type = 'statement' AND summary LIKE '%sanctions%' AND source_id = ?", [ARTICLE])
    assert len(rows) == 1 and rows[0][:2] == (date(2021, 4, 1), "month")
    assert "large-scale civil conflict" in rows[0][2]


def test_the_coup(query):
    rows = query("SELECT event_date, date_precision, country_iso3, other_source_ids FROM events "
                 "WHERE event_type = 'coup'")
    assert rows == [(date(2021, 2, 1), "day", "MMR", ARTICLE)]


def test_myanmar_seat_is_noted_not_attributed_to_the_junta(query):
    vote, note = query("SELECT vote, note FROM votes WHERE resolution_id = 'A/RES/75/287' AND country_iso3 = 'MMR'")[0]
    assert vote == "Y"
    assert "Kyaw Moe Tun" in note and "Not a vote of the junta" in note


def test_the_article_is_a_cited_source(query):
    assert query("SELECT publisher, title, published_on FROM sources WHERE source_id = ?", [ARTICLE]) == [
        ("Al Arabiya English", "Russia and Myanmar’s junta leader agree to bolster ties", date(2021, 6, 21))]


def test_every_fact_cites_a_source_that_exists(query):
    for table in ("events", "casualty_reports", "visits", "resolutions", "votes"):
        orphans = query(f"SELECT count(*) FROM {table} t LEFT JOIN sources s USING (source_id) "
                        "WHERE s.source_id IS NULL")
        assert orphans == [(0,)], table
    assert query("SELECT count(*) FROM sources WHERE publisher IS NULL OR title IS NULL") == [(0,)]
