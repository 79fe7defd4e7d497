"""
"My work": what a member of staff has to do next, as lists of records
each linking to where to act. Each domain app says what its records ask of
a user (``objectives.selectors.work_for``, ``outreach.selectors.work_for``);
the admin home and the weekly reminder show them all
(nmi_site/sitewide/work.py).

Every list is one query (two when it is longer than it shows), whatever the
number of records.
"""

from dataclasses import dataclass, field

#: How many records a list shows; the rest are counted.
SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    label: str
    url: str
    detail: str = ""


@dataclass
class WorkList:
    """One kind of work: a sentence saying what it is, the records it holds
    (up to :data:`SHOWN`) and how many there are in all."""

    key: str
    title: str
    items: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def more(self):
        return self.total - len(self.items)


def work_list(key, title, queryset, item, *, more_url=""):
    """A :class:`WorkList` of ``queryset``'s first :data:`SHOWN` records,
    each made a :class:`WorkItem` by ``item(record)``; counted only when
    there may be more."""
    records = list(queryset[: SHOWN + 1])
    total = len(records) if len(records) <= SHOWN else queryset.count()
    return WorkList(key, str(title), [item(record) for record in records[:SHOWN]], total, more_url)
