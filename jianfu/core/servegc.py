"""Cyclic garbage collection in a served process (the WSGI application under granian).

A served process holds about 375,000 objects the collector tracks, almost all of them for good: the
modules, the URLconf and its views, and pypinyin's phrase dictionary (47,000 entries of lists of
lists: over 200,000 lists). Every full collection walked all of them, 190–240 ms of CPU with the GIL
held, about once every 500 requests: half of the collector's CPU per request
(bench/bench_page_cpu.py counts it). As Instagram did for Django, what is alive once the application
is loaded is moved out of the collector's sight (`gc.freeze()`). Frozen objects are still freed when
their last reference goes; only a reference cycle among them would stay, and loading modules makes
few. Higher thresholds for the young generation (10,000 or 50,000 instead of 700) were measured too
and did not lower the collector's CPU, so CPython's are kept.
"""

from __future__ import annotations

import gc

_prepared = False


def prepared() -> bool:
    """Whether this process froze its objects for serving (batch jobs must then not unfreeze them)."""
    return _prepared


def prepare_serving() -> None:
    """Call once the application is loaded: load the URLconf (and so every view module), collect
    what the start-up left behind, then freeze what is alive."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - imports every view module now, not at the first request
    global _prepared
    gc.collect()
    gc.freeze()
    _prepared = True
