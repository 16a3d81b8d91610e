"""Medians and 95th percentiles, and ratios that survive a noisy machine."""

from __future__ import annotations

import statistics


def percentile(values, q: float) -> float:
    """Nearest-rank-interpolated percentile (q in 0..100) of a non-empty sequence."""
    data = sorted(values)
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summary(values) -> dict:
    values = list(values)
    if not values:
        return {"n": 0, "median": float("nan"), "p95": float("nan"), "max": float("nan")}
    return {"n": len(values), "median": statistics.median(values), "p95": percentile(values, 95),
            "max": max(values)}


def ratio(product: float, baseline: float) -> float:
    """product / baseline: below 1 means the product is faster (or smaller)."""
    if not baseline or baseline != baseline or product != product:
        return float("nan")
    return product / baseline
