"""The labelled set of colloquial requests and the accuracy of the desk's answers on it."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from jianfu.certificates.check import certificate_items, check_request

LABELLED_FILE = Path(__file__).parent / "data" / "labelled_requests.yaml"


@dataclass(frozen=True)
class Outcome:
    text: str
    expect: str
    code: str | None
    got: str
    got_code: str | None
    score: float

    @property
    def correct(self) -> bool:
        return self.expect == self.got and (self.expect == "needs_review" or self.code == self.got_code)


def labelled_requests() -> list[dict]:
    return yaml.safe_load(LABELLED_FILE.read_text(encoding="utf-8"))


def evaluate(district_code: str | None = None) -> tuple[float, list[Outcome]]:
    items = certificate_items(district_code=district_code)
    outcomes = []
    for row in labelled_requests():
        result = check_request(text=row["text"], items=items)
        outcomes.append(
            Outcome(
                row["text"],
                row["expect"],
                row.get("code"),
                str(result.decision),
                result.item.code if result.item else None,
                result.score,
            )
        )
    return sum(o.correct for o in outcomes) / len(outcomes), outcomes
