import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.catalog import matching
from jianfu.catalog.evaluation import accuracy, evaluate, labelled_tasks, reference_active_items

ITEMS = reference_active_items()
ALL_ITEMS = reference_active_items(
    kinds=("duty", "assist", "negative", "certificate_may_issue", "certificate_must_not_issue")
)


def top(text, items=ITEMS, **kw):
    found = matching.match(text, items, **kw)
    return found[0] if found else None


def test_labelled_set_is_large_and_covers_every_list():
    rows = labelled_tasks()
    assert len(rows) >= 60
    assert {r["expect_list"] for r in rows} == {"duty", "assist", "negative", "none"}


def test_accuracy_on_labelled_tasks():
    list_acc, code_acc = accuracy(evaluate())
    # measured 0.987 / 0.987 (bench/bench_matching.py); the floor leaves room for catalog edits
    assert list_acc >= 0.90
    assert code_acc >= 0.88


def test_brief_examples():
    m = top("请各社区于本周五前报送辖区内80周岁以上老人名单及联系方式")
    assert m.item.code in {"A02", "A22"}
    m = top("配合开展占道经营整治，社区负责清理")
    assert (m.item.list_kind, m.item.code) == ("negative", "N04")
    assert "占道经营" in m.matched
    assert m.score >= matching.THRESHOLD


def test_alias_verbatim_is_strong_and_explained():
    m = top("做好2026年征兵宣传工作")
    assert m.item.code == "A08"
    assert "征兵" in m.matched and m.score >= matching.THRESHOLD


def test_traditional_and_full_width_fold():
    assert top("協助做好低保複核入戶調查").item.code == "A01"
    assert top("开展ＡＰＰ防诈骗宣传").item.code == "A12"
    assert top("开展　垃圾　分类　宣传").item.code == "A28"  # full-width spaces


def test_homophone_and_typo_tolerance():
    m = top("低宝复核")
    assert m.item.code == "A01" and any("同音" in w for w in m.matched)
    m = top("垃圾分内宣传")
    assert m.item.code == "A28" and any("近似" in w for w in m.matched)


def test_synonyms_are_shown_in_the_explanation():
    m = top("开展居家养老服务需求调查，摸清辖区老人情况")
    assert m.item.code == "A22"
    assert any("≈" in w for w in m.matched)  # 老人≈老年人


def test_nothing_matches_unrelated_text():
    assert matching.best("请社区统计辖区内新能源汽车充电桩数量", ITEMS) is None
    assert matching.match("", ITEMS) == []
    assert matching.match("报送", []) == []


def test_extra_aliases_from_the_certificate_desk():
    plain = top("我要开个活着的证明", ALL_ITEMS)
    extra = top("我要开个活着的证明", ALL_ITEMS, extra_aliases={"CX10": ["活着的证明"]})
    assert extra.item.code == "CX10"
    assert "活着的证明" in extra.matched
    assert plain is None or plain.score <= extra.score


def test_certificates_match_on_aliases():
    assert top("开单身证明", ALL_ITEMS).item.code == "CX08"
    assert top("居住證明", ALL_ITEMS).item.code == "CM01"


def test_sorted_limited_and_deterministic():
    found = matching.match("开展消防安全宣传和应急演练", ITEMS, limit=3)
    assert len(found) <= 3
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    again = matching.match("开展消防安全宣传和应急演练", list(ITEMS), limit=3)
    assert found == again


def test_index_is_cached_per_catalog_version():
    a = matching.index_for(ITEMS)
    assert matching.index_for(list(ITEMS)) is a
    changed = [dataclasses.replace(ITEMS[0], pk=999999), *ITEMS[1:]]
    assert matching.index_for(changed) is not a


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_scores_in_range(text):
    found = matching.match(text, ITEMS)
    assert all(0 < m.score <= 1 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
