"""The served process freezes what is alive once loaded; batch jobs inside it keep that freeze."""

import gc

import pytest

from jianfu.core import batchgc, servegc


@pytest.fixture
def restore_gc(monkeypatch):
    monkeypatch.setattr(servegc, "_prepared", False)
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_prepare_serving_freezes_the_loaded_application(restore_gc):
    gc.unfreeze()
    before = gc.get_freeze_count()
    servegc.prepare_serving()
    assert servegc.prepared()
    # the modules, the URLconf's views and their data: hundreds of thousands of objects
    assert gc.get_freeze_count() > before + 10_000


def test_prepare_serving_keeps_cpythons_thresholds(restore_gc):
    threshold = gc.get_threshold()
    servegc.prepare_serving()
    assert gc.get_threshold() == threshold


def test_the_wsgi_module_loads_the_views_then_freezes(tmp_path):
    """In a fresh process, as granian loads it: the views are imported before the freeze."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import gc, sys; import jianfu.wsgi; "
        "print('jianfu.registry.views' in sys.modules, gc.get_freeze_count())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jianfu.settings", "JIANFU_DATA_DIR": str(tmp_path)}
    root = Path(__file__).resolve().parents[3]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "True"
    assert int(out[1]) > 100_000


def test_a_batch_job_unfreezes_outside_a_served_process(restore_gc):
    gc.unfreeze()
    before = gc.get_freeze_count()
    with batchgc.rare_collections():
        assert gc.get_freeze_count() > before
        assert gc.get_threshold() == batchgc.BATCH_THRESHOLDS
    assert gc.get_freeze_count() == before


def test_a_batch_job_in_a_served_process_keeps_the_freeze(restore_gc):
    servegc.prepare_serving()
    frozen = gc.get_freeze_count()
    threshold = gc.get_threshold()
    with batchgc.rare_collections():
        assert gc.get_threshold() == batchgc.BATCH_THRESHOLDS
    assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == threshold
