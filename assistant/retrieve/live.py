"""Follow the live index in place: a new build is loaded beside the old one and switched to atomically.

A server process holds one :class:`LiveKnowledge`. Every request asks it for what is built over
the current build (the knowledge base plus whatever ``make`` builds on it: answerers, search).
At most once per ``check_interval_s`` it reads the live symlink (one ``readlink``); when the link
names another build, a background thread loads it under a lease while requests keep using the
old one, then one assignment switches to it. The old build's lease is released when the last
request using it ends, so ingest can prune it only then.

Example:
    >>> live = LiveKnowledge(config, embedder, make=lambda knowledge: knowledge)  # doctest: +SKIP
    >>> with live.using() as knowledge:  # doctest: +SKIP
    ...     knowledge.index.manifest.build_id
    '20260101T000000-abcdef'
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from assistant.retrieve.knowledge import Knowledge
from ingest.embeddings import Embedder
from ingest.errors import IngestError
from ingest.store import IndexConfig, live_build_name

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_CHECK_INTERVAL_S = 1.0


@dataclass
class _Slot(Generic[T]):
    """One loaded build and how many requests are using it right now."""

    knowledge: Knowledge
    value: T
    users: int = 0
    retired: bool = False

    @property
    def build_id(self) -> str:
        return self.knowledge.index.build_dir.name


class LiveKnowledge(Generic[T]):
    """What is built over the live index build, switched in place when ingest swaps the build."""

    def __init__(
        self,
        config: IndexConfig,
        embedder: Embedder,
        make: Callable[[Knowledge], T],
        *,
        check_interval_s: float = DEFAULT_CHECK_INTERVAL_S,
        background: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Load the live build now (raising what :meth:`Knowledge.load` raises) and follow it afterwards.

        Args:
            config: Where the index lives.
            embedder: The query embedder, shared by every build (its cache stays warm).
            make: Builds what requests use over one build's knowledge.
            check_interval_s: How often the live link is read; 0 reads it on every request.
            background: Load a new build in a thread (servers); False loads it in the request
                that notices it (tests, command-line runs).
            clock: Monotonic seconds.
        """
        self._config = config
        self._embedder = embedder
        self._make = make
        self._interval = check_interval_s
        self._background = background
        self._clock = clock
        self._lock = threading.Lock()
        self._loading = False
        knowledge = Knowledge.load(config, embedder)
        self._slot: _Slot[T] = _Slot(knowledge, make(knowledge))
        self._next_check = clock() + check_interval_s

    @property
    def build_id(self) -> str:
        """The build requests are served from now."""
        return self._slot.build_id

    def current(self) -> T:
        """What the current build offers, for reads that touch no index files (articles, units)."""
        self._maybe_switch()
        return self._slot.value

    def knowledge(self) -> Knowledge:
        """The current build's knowledge base."""
        self._maybe_switch()
        return self._slot.knowledge

    @contextmanager
    def using(self) -> Iterator[T]:
        """The current build for one request; its lease is kept until the request ends."""
        self._maybe_switch()
        with self._lock:
            slot = self._slot
            slot.users += 1
        try:
            yield slot.value
        finally:
            with self._lock:
                slot.users -= 1
                done = slot.retired and slot.users == 0
            if done:
                slot.knowledge.close()

    def refresh(self) -> bool:
        """Read the live link now and switch (in this thread) when it names another build.

        Returns:
            Whether a new build is now served.

        Raises:
            IngestError: the new build could not be loaded (the old one stays in service).
        """
        target = live_build_name(self._config)
        if target is None or target == self._slot.build_id:
            return False
        self._switch_to_live()
        return True

    def close(self) -> None:
        """Release the current build (at shutdown)."""
        with self._lock:
            slot = self._slot
            slot.retired = True
            done = slot.users == 0
        if done:
            slot.knowledge.close()

    # -- internals -------------------------------------------------------------------------
    def _maybe_switch(self) -> None:
        now = self._clock()
        if now < self._next_check:
            return
        with self._lock:
            if now < self._next_check or self._loading:
                return
            self._next_check = now + self._interval
            target = live_build_name(self._config)
            if target is None or target == self._slot.build_id:
                return
            self._loading = True
        if self._background:
            threading.Thread(target=self._load_quietly, name="index-switch", daemon=True).start()
        else:
            self._load_quietly()

    def _load_quietly(self) -> None:
        try:
            self._switch_to_live()
        except IngestError as exc:
            # The old build keeps serving; the next check tries again.
            log.error("could not switch to the new index build: %s", exc)
        finally:
            with self._lock:
                self._loading = False

    def _switch_to_live(self) -> None:
        knowledge = Knowledge.load(self._config, self._embedder)
        try:
            fresh = _Slot(knowledge, self._make(knowledge))
        except BaseException:
            knowledge.close()
            raise
        with self._lock:
            old, self._slot = self._slot, fresh
            old.retired = True
            done = old.users == 0
        if done:
            old.knowledge.close()
        log.info("now serving index build %s (was %s)", fresh.build_id, old.build_id)
