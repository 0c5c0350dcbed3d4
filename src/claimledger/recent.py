"""What a long-running face keeps of what it read: a bounded map of the last values, each valid
for one state of the ledger. The ledger only grows, so its high-water marks (the newest ids of
the tables every append touches) name its state; when they move, what was kept is dropped."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """The ``size`` values last put, for the ledger state they were read in (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, V] = OrderedDict()
        self._state: Hashable = None
        self._lock = threading.Lock()

    def get(self, key: Hashable, state: Hashable) -> V | None:
        """The value kept for ``key`` if it was read in ``state``, else None."""
        with self._lock:
            if state != self._state:
                return None
            value = self._kept.get(key)
            if value is not None:
                self._kept.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V, state: Hashable) -> None:
        """Keep ``value`` for ``key`` as read in ``state`` (values of another state are dropped)."""
        with self._lock:
            if state != self._state:
                self._kept.clear()
                self._state = state
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
