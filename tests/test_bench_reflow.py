"""bench/reflow.py: what it measures, on small texts.  The growth target itself is judged
by running the benchmark (its exit status), not here: a test must not depend on the
machine's load.  Here: the synthetic shapes read as intended, and the rows are complete."""
from __future__ import annotations

from treatydraft.readers.pdftext import reflow

from fixtures import bench_module

bench = bench_module("reflow")


def test_shapes():
    pages = reflow(bench.synth(0.02, "pages"))
    assert pages.furniture and pages.paragraphs > 20  # heads and feet go, paragraphs stay
    assert reflow(bench.synth(0.02, "open")).paragraphs == 1  # all in one open bracket


def test_measure_rows():
    for shape in ("pages", "open"):
        r = bench.measure(0.02, shape, repeat=1)
        assert r["shape"] == shape and r["mb"] >= 0.02 and r["reflow"] > 0 and r["base"] > 0
