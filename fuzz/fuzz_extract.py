"""Coverage-guided fuzzing of the extractor with atheris (`make fuzz`).

The property tests check the promises on generated text; this harness lets libFuzzer
explore byte inputs for as long as it is given: any exception, any figure whose quote
is not `text[start:end]`, any non-finite value is a crash, saved by libFuzzer with the
input that caused it.
"""

from __future__ import annotations

import math
import sys

import atheris

with atheris.instrument_imports():
    from vigil.extract import extract

PUBLISHED = (None, "2025", "2025-05", "2025-05-02")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    language = "ru" if fdp.ConsumeBool() else "en"
    published = PUBLISHED[fdp.ConsumeIntInRange(0, len(PUBLISHED) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    result = extract(text, language, published, "sha256:fuzz")
    for item in (*result.figures, *result.events):
        if text[item.span.start : item.span.end] != item.quote:
            raise AssertionError(f"span {item.span} does not hold its quote")
    for figure in result.figures:
        if not math.isfinite(float(figure.value)):
            raise AssertionError(f"non-finite value {figure.value!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
