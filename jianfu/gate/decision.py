"""The gate's decision: a pure function of the task and the list matches (no database).

Order of the rules (facts §3; catalog.yaml):
1. an emergency touching life and property, public safety, public health or a disaster → admitted
   at once, flagged for review afterwards (facts §3.6);
2. the best list match is on the negative list (or the must-not-issue certificate list) → rejected,
   citing the item and its source document;
3. a request for data the registry already holds → served from the registry, no community work;
4. no list item, an assessment-tied task, or a kind that always needs admission (new ledger,
   inspection, assessment/ranking, signboard, training, creation campaign) → needs approval by the
   减负办 within 15 working days;
5. a duty or assist item → admitted (an assist item without resources is flagged to the 减负办).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jianfu.catalog.matching import THRESHOLD
from jianfu.gate.choices import APPROVAL_KINDS, Decision, ListMatch, TaskKind

APPROVAL_WORKING_DAYS = 15

# list_kind of a catalog item → the list the gate reports
LIST_OF_KIND = {
    "duty": ListMatch.DUTY,
    "assist": ListMatch.ASSIST,
    "negative": ListMatch.NEGATIVE,
    "certificate_may_issue": ListMatch.DUTY,
    "certificate_must_not_issue": ListMatch.NEGATIVE,
}

# Words in the text that put a task in an approval kind even when the department ticked nothing:
# departments write "纳入考核" in a notice without marking the task as assessed.
TEXT_SIGNALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        TaskKind.ASSESSMENT,
        (
            "纳入考核",
            "考核排名",
            "排名通报",
            "积分排名",
            "年度考核",
            "月度考核",
            "考核评比",
            "评比",
            "打分排名",
            "通报排名",
            "评选",
        ),
    ),
    (TaskKind.SIGNBOARD, ("挂牌", "牌子", "门牌标识")),
    (
        TaskKind.LEDGER_REPORT,
        ("新建台账", "建立台账", "新设台账", "新增台账", "建立工作台账", "新建工作台账"),
    ),
    (TaskKind.INSPECTION, ("迎检", "专项检查", "督查检查", "交叉检查")),
)

FLAG_ASSIST_WITHOUT_RESOURCES = "assist_without_resources"
FLAG_EMERGENCY_REVIEW = "emergency_review"
FLAG_NEGATIVE_IN_EMERGENCY = "negative_in_emergency"


@dataclass(frozen=True)
class TaskInput:
    title: str
    description: str
    kind: str = TaskKind.GENERAL
    assessed: bool = False
    emergency: bool = False
    has_resources: bool = False

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"


@dataclass(frozen=True)
class RegistryCoverage:
    """What the registry can answer of a data request (computed by jianfu.gate.registry_request)."""

    fields: tuple[str, ...]  # attribute codes the department asked for, all held by the registry
    labels: tuple[str, ...]  # their names, for the explanation
    group: str = ""  # e.g. "80周岁以上" or "独居老人"


@dataclass(frozen=True)
class Outcome:
    decision: str
    list: str
    item: Any | None  # ActiveItem
    score: float
    matched: tuple[str, ...]
    reasons: tuple[str, ...]
    flags: tuple[str, ...] = ()
    candidates: tuple[Any, ...] = field(default=(), compare=False)  # the Match list, best first

    def as_json(self) -> dict[str, Any]:
        """The CLI / API shape."""
        return {
            "decision": self.decision,
            "list": self.list,
            "item": {"code": self.item.code, "name": self.item.name} if self.item else None,
            "score": round(float(self.score), 4),
            "reasons": list(self.reasons),
        }


def text_signals(task: TaskInput) -> list[tuple[str, str]]:
    """(kind, word) for each approval kind the text reveals beyond what the department declared."""
    found = []
    for kind, words in TEXT_SIGNALS:
        if kind == task.kind or (kind == TaskKind.ASSESSMENT and task.assessed):
            continue
        word = next((w for w in words if w in task.text), None)
        if word:
            found.append((kind, word))
    return found


def _cite(item: Any) -> str:
    from jianfu.catalog.citation import cite

    return cite(item)


def decide(
    task: TaskInput,
    matches: Sequence[Any],
    *,
    registry: RegistryCoverage | None = None,
    certificates: Sequence[Any] = (),
    breaches: Sequence[str] = (),
    threshold: float = THRESHOLD,
) -> Outcome:
    """Decide one task from its list matches (best first) and what the registry holds.

    `certificates` are the must-not-issue certificates the task demands, as the certificate desk
    decided them (jianfu.certificates.check.certificate_decisions); the caller puts the first of
    them at the head of `matches`, so the certificate rule decides the task.

    `breaches` are the rules a new app or work group breaks (jianfu.digital.rules, each reason
    citing its rule): such a tool is not admitted."""
    best = matches[0] if matches and matches[0].score >= threshold else None
    item = best.item if best else None
    listed = LIST_OF_KIND.get(item.list_kind, ListMatch.NONE) if item else ListMatch.NONE
    score = float(best.score) if best else (float(matches[0].score) if matches else 0.0)
    words = tuple(best.matched) if best else ()
    reasons: list[str] = []
    flags: list[str] = []
    if best:
        reasons.append(
            _("匹配清单事项%(item)s，匹配度 %(score).2f，命中：%(words)s。")
            % {"item": _cite(item), "score": score, "words": "、".join(words) or "—"}
        )
    else:
        reasons.append(
            _("未匹配到任何清单事项（最高匹配度 %(score).2f，低于 %(threshold).2f）。")
            % {"score": score, "threshold": threshold}
        )

    def out(decision: str) -> Outcome:
        return Outcome(
            decision, str(listed), item, score, words, tuple(reasons), tuple(flags), tuple(matches)
        )

    # 1. emergency
    if task.emergency:
        reasons.append(
            _(
                "应急事项（涉及生命财产安全、公共安全、公共卫生或灾害）：先行准入执行，事后由减负办审查、备案。"
            )
        )
        flags.append(FLAG_EMERGENCY_REVIEW)
        if listed == ListMatch.NEGATIVE:
            reasons.append(_("注意：内容匹配负面清单事项，事后审查时须重点核实。"))
            flags.append(FLAG_NEGATIVE_IN_EMERGENCY)
        return out(Decision.ADMITTED)

    # 2a. an app or work group that breaks the 2023/2024 rules (打卡签到, 积分排名, 在线时长…)
    if breaches:
        reasons.extend(breaches)
        reasons.append(_("该应用或工作群违反整治“指尖上的形式主义”的规定，不予准入；改正后可重新提交。"))
        return out(Decision.REJECTED)

    # 2. negative list
    if listed == ListMatch.NEGATIVE and item is not None:
        if item.list_kind == "certificate_must_not_issue":
            cited = [c.item for c in certificates] or [item]
            for extra in cited[1:]:
                reasons.append(_("另要求社区出具%(item)s。") % {"item": _cite(extra)})
            reasons.append(
                _("社区不应出具这些证明（民发〔2020〕20号），不得要求社区出具。")
                if len(cited) > 1
                else _("该证明属于社区不应出具的证明（民发〔2020〕20号），不得要求社区出具。")
            )
            for cert in cited:
                if cert.referral:
                    reasons.append(
                        _("部门应改向以下渠道获取或核验「%(name)s」：%(referral)s。")
                        % {"name": cert.name, "referral": cert.referral}
                    )
        else:
            reasons.append(_("该事项属于社区工作负面清单，社区不得作为责任主体承担，不予准入。"))
        reasons.append(_("未经准入的事项，社区有权拒绝执行。"))
        return out(Decision.REJECTED)

    # 3. data the registry already holds
    if registry is not None and registry.fields:
        group = f"（{registry.group}）" if registry.group else ""
        reasons.append(
            _(
                "所需数据%(group)s居民库已有：%(fields)s。不向社区下派任务（最多报一次）：在数据共享协议范围内由居民库直接提供，首次需求须经减负办核准。"
            )
            % {"group": group, "fields": "、".join(registry.labels)}
        )
        return out(Decision.SERVED_FROM_REGISTRY)

    # 4. approval
    why: list[str] = []
    signalled = [
        _("内容含「%(word)s」，属于「%(kind)s」") % {"word": word, "kind": TaskKind(kind).label}
        for kind, word in text_signals(task)
    ]
    if listed == ListMatch.NONE:
        why.append(_("不在社区工作事项清单内"))
    if task.assessed:
        why.append(_("与考核挂钩"))
    if task.kind in APPROVAL_KINDS:
        why.append(_("属于须准入审批的类型「%(kind)s」") % {"kind": TaskKind(task.kind).label})
    why.extend(signalled)
    if why:
        reasons.append(
            _(
                "%(why)s：须报减负办审批，%(days)s个工作日内就合法性、合理性、可行性并征求社区意见作出决定；"
                "审批通过前社区有权拒绝执行。"
            )
            % {"why": "；".join(why), "days": APPROVAL_WORKING_DAYS}
        )
        return out(Decision.NEEDS_APPROVAL)

    # 5. duty / assist
    if listed == ListMatch.ASSIST:
        reasons.append(
            _("属于依法协助政府工作事项，准入；部门应按“权随责走、费随事转”配套人员、经费或培训。")
        )
        if not task.has_resources:
            reasons.append(_("未配套任何资源（人员、经费、培训），已提示减负办。"))
            flags.append(FLAG_ASSIST_WITHOUT_RESOURCES)
    else:
        reasons.append(_("属于社区依法履行职责事项，准入。"))
    return out(Decision.ADMITTED)
