"""How a partition is cut into write batches (`vigil.batch.work.batches`).

A worker waits for a partition's last write before it reports the partition
done, so the last batches are small; every document still goes in exactly one
batch, in order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vigil.batch.work import batches


@pytest.mark.parametrize(
    ("count", "size", "sizes"),
    [
        (0, 50, []),
        (1, 50, [1]),
        (30, 50, [10, 10, 10]),
        (50, 50, [10, 10, 10, 10, 10]),
        (51, 50, [1, 10, 10, 10, 10, 10]),
        (100, 50, [50, 10, 10, 10, 10, 10]),
        (120, 50, [50, 20, 10, 10, 10, 10, 10]),
        (250, 50, [50, 50, 50, 50, 10, 10, 10, 10, 10]),
        (7, 3, [3, 1, 1, 1, 1]),
        (5, 1, [1, 1, 1, 1, 1]),
    ],
)
def test_the_last_batch_is_cut_small(count: int, size: int, sizes: list[int]) -> None:
    cut = list(batches(iter(range(count)), size))
    assert [len(batch) for batch in cut] == sizes
    assert [item for batch in cut for item in batch] == list(range(count))


def test_batches_are_read_lazily() -> None:
    """Only one batch is read ahead of the one handed out: a partition is never read whole."""
    read: list[int] = []

    def items() -> Iterator[int]:
        for number in range(1000):
            read.append(number)
            yield number

    first = next(batches(items(), 50))
    assert first == list(range(50))
    assert len(read) == 100


@pytest.mark.parametrize("size", [0, -1])
def test_a_batch_holds_at_least_one_item(size: int) -> None:
    with pytest.raises(ValueError, match="at least one"):
        list(batches(range(3), size))
