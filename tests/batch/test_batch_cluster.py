"""The LocalCluster `vigil batch` starts runs with the batch settings, in its worker processes too."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.batch.driver import LOCAL_CLUSTER_CONFIG, _client
from vigil.errors import ConfigError


def _worker_settings(dask_worker: Any) -> dict[str, object]:
    import dask

    return {
        "config": {key: dask.config.get(key) for key in LOCAL_CLUSTER_CONFIG},
        "callbacks": {name: pc.callback_time for name, pc in dask_worker.periodic_callbacks.items()},
    }


def test_workers_run_with_the_batch_settings() -> None:
    with _client(None, 1) as client:
        (settings,) = client.run(_worker_settings).values()
        scheduler_tick = client.cluster.scheduler.periodic_callbacks["tick"].callback_time  # type: ignore[attr-defined]
    assert settings["config"] == LOCAL_CLUSTER_CONFIG
    # Dask's defaults are 20 ms (tick) and 100 ms (memory monitor); in milliseconds here.
    assert settings["callbacks"]["tick"] == 1000
    assert settings["callbacks"]["memory_monitor"] == 1000
    assert "profile" not in settings["callbacks"]
    assert scheduler_tick == 1000


def test_the_settings_stay_with_the_cluster() -> None:
    """`_client` sets them for the cluster it makes, not for the rest of the process."""
    import dask

    with _client(None, 1):
        pass
    assert dask.config.get("distributed.admin.tick.interval") != LOCAL_CLUSTER_CONFIG["distributed.admin.tick.interval"]


def test_a_cluster_needs_a_worker() -> None:
    with pytest.raises(ConfigError, match="at least one worker"), _client(None, 0):
        pass
