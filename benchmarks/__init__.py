"""Benchmarks: query, page, browser, memory and many-viewer figures at 10k, 1m and 10m
rotation events, each set against a pandas-and-CSV baseline measured in the same run.

    .venv/bin/python -m benchmarks --sizes 10k 1m 10m      # the full run, writes RESULTS.md
    .venv/bin/python -m benchmarks --quick                  # CI-sized: 10k, few repeats
"""
