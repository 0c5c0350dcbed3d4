"""The logistic function the learned components share (places filter, line model, event matcher)."""

from __future__ import annotations

import math

LIMIT = 50.0  # |z| beyond this is 0 or 1 to double precision; clamping keeps exp() from overflowing


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), clamped so that any score is safe."""
    return 1.0 / (1.0 + math.exp(-max(-LIMIT, min(LIMIT, z))))
