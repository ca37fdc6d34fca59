"""A Dask LocalCluster shared by the batch tests: starting one costs seconds, using it milliseconds."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterator[str]:
    """The address of a 2-worker LocalCluster (processes, one thread each), closed at the end of the session."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
