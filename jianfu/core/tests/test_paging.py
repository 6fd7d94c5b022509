from jianfu.core.paging import PeekPage


def test_a_page_read_one_past_its_size_knows_there_is_a_next_one():
    page = PeekPage.of(list(range(11)), number=1, size=10)
    assert page.rows == list(range(10)) and len(page) == 10 and list(page) == list(range(10))
    assert page.has_next and not page.has_previous and page.has_other_pages
    assert page.next_page_number() == 2


def test_the_last_page_and_a_single_page():
    last = PeekPage.of([1, 2, 3], number=4, size=10)
    assert not last.has_next and last.has_previous and last.previous_page_number() == 3
    only = PeekPage.of([], number=1, size=10)
    assert not only.has_other_pages and len(only) == 0
