"""A page of a long list without COUNT(*).

Counting every matching row (100,000 requests on the casework board) costs more than the page
itself, and previous/next links only need "is there a next page": rows are fetched one past the page
size in the query's index order, so LIMIT stops the scan early. A PeekPage offers the part of
Django's Page that the templates' previous/next links use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class PeekPage:
    object_list: list[Any]
    number: int
    has_next: bool

    @classmethod
    def of(cls, fetched: Sequence[Any], *, number: int, size: int) -> PeekPage:
        """The page from `fetched`: up to size + 1 rows read from the page's first one."""
        return cls(object_list=list(fetched[:size]), number=number, has_next=len(fetched) > size)

    @property
    def rows(self) -> list[Any]:
        return self.object_list

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)
