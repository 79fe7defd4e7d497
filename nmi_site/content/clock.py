"""The one clock the caching layer reads (cache windows, content
generations and their leases). Code asks ``clock()`` for the time rather
than the ``time`` module, so a test passes its own clock with ``use``
instead of patching anything. Dates and times of records come from
Django's ``timezone.now()`` as usual."""

import time
from contextlib import contextmanager


class SystemClock:
    """The machine's clocks."""

    def time(self):
        return time.time()

    def time_ns(self):
        return time.time_ns()

    def monotonic(self):
        return time.monotonic()

    def sleep(self, seconds):
        time.sleep(seconds)


_current = SystemClock()


def clock():
    """The clock in use."""
    return _current


@contextmanager
def use(other):
    """Read the time from ``other`` inside the block (tests)."""
    global _current
    previous, _current = _current, other
    try:
        yield other
    finally:
        _current = previous
