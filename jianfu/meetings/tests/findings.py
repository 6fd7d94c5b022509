"""What the intake finds in a bare text, for the rule tests written per round (test_rules36 … ): a meeting sent with
an approving body and on-line unless the test says otherwise, so that only the rule under test can fire."""

from __future__ import annotations

from typing import Any

from jianfu.meetings import rules


def meeting_findings(text: str, **fields: Any) -> set[str]:
    fields = {"approved_by": "区委办公室", "mode": "online", **fields}
    result = rules.check_meeting(rules.MeetingInput(title="会议", text=text, **fields))
    return {f.rule for f in result.findings}


def document_findings(text: str, **fields: Any) -> set[str]:
    result = rules.check_document(rules.DocumentInput(title="通知", text=text, **fields))
    return {f.rule for f in result.findings}
