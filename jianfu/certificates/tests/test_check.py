import pytest

from jianfu.certificates.check import CheckError, check_request
from jianfu.certificates.choices import Decision
from jianfu.certificates.labelled import evaluate, labelled_requests
from jianfu.certificates.phrases import strip_filler

# Measured on data/labelled_requests.yaml (bench/bench_certificates.py prints the current figure).
ACCURACY_THRESHOLD = 0.95


@pytest.mark.django_db
def test_labelled_requests_accuracy():
    accuracy, outcomes = evaluate()
    misses = [o for o in outcomes if not o.correct]
    print(f"accuracy {accuracy:.3f}", *misses, sep="\n")
    assert len(outcomes) >= 60
    assert accuracy >= ACCURACY_THRESHOLD, misses


def test_labelled_set_is_well_formed():
    rows = labelled_requests()
    assert {r["expect"] for r in rows} == {"may_issue", "must_not_issue", "needs_review"}
    for row in rows:
        assert (row["code"] is None) == (row["expect"] == "needs_review"), row


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "decision", "code"),
    [
        ("开个单身证明", Decision.MUST_NOT_ISSUE, "CX08"),
        ("证明我妈还健在", Decision.MUST_NOT_ISSUE, "CX10"),
        ("孩子上学要居住证明", Decision.MAY_ISSUE, "CM01"),
    ],
)
def test_the_three_examples(text, decision, code):
    result = check_request(text=text, district_code="420102")
    assert result.decision == decision
    assert result.item.code == code
    assert result.matched, "the answer explains what it matched"
    data = result.as_json()
    assert set(data) == {"decision", "item", "referral", "score"}
    if decision == Decision.MUST_NOT_ISSUE:
        assert data["referral"] and result.item.source_document
    else:
        assert data["referral"] is None and result.materials


@pytest.mark.django_db
def test_neither_list_gives_the_rule():
    result = check_request(text="证明这棵树是台风吹倒的")
    assert result.decision == Decision.NEEDS_REVIEW
    assert result.item is None and len(result.rule) == 3
    assert result.as_json()["item"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   ", "证" * 301])
def test_bad_text_is_refused(text):
    with pytest.raises(CheckError):
        check_request(text=text)


def test_kin_words_are_dropped_only_when_they_name_the_beneficiary():
    assert strip_filler("证明我妈还健在") == "证明还健在"
    assert "是我爸" in strip_filler("证明他是我爸")
    assert "只有一个孩子" in strip_filler("证明我只有一个孩子")
