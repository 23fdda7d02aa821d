"""bench.load's pacing and the response-time bound it prints beside its figures (docs/team.md, "Measured")."""

from __future__ import annotations

import random

from bench.load import Pacing, Phase, bound_on_mean


def test_the_pause_is_drawn_within_its_jitter():
    rng = random.Random(1)
    pauses = [Pacing(jitter=0.5).draw(rng) for _ in range(500)]
    assert 0.5 <= min(pauses) < 0.55 and 1.45 < max(pauses) <= 1.5


def test_reading_time_adds_to_the_pause_on_average():
    rng = random.Random(2)
    pauses = [Pacing(think=10).draw(rng) for _ in range(4000)]
    assert 10.5 < sum(pauses) / len(pauses) < 11.5 and Pacing(think=10).mean == 11


def test_the_bound_divides_the_servers_work_by_the_cores_it_can_use():
    # 20 sessions × 0.2 s of server CPU a view = 4 s of work per round; 1 s of pause each.
    phase = Phase(20, views=[1.0] * 10, server_cpu_seconds=2.0)
    assert bound_on_mean(phase, cores=1, pacing=Pacing()) == 20 * 0.2 - 1
    assert bound_on_mean(phase, cores=2, pacing=Pacing()) == 20 * 0.2 / 2 - 1
    assert bound_on_mean(phase, cores=2, pacing=Pacing(think=10)) == 0.2  # never below one view's CPU
