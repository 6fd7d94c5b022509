"""The digital roll-ups (CommunityDigital, DigitalMonth) equal the direct computation from tools,
links and declarations — after any sequence of the services that write them, after `rebuild`, and
in the district report (roll-up path vs direct path) on random back-dated data."""

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.digital import rollup, selectors, services
from jianfu.digital.models import CommunityDigital, Declaration, DigitalMonth, DigitalTool

ASKS = [
    "用于收发通知。",
    "每天早上在群里打卡签到，按积分排名通报。",
    "每周上报一次走访照片和台账。",
    "每天在App上刷学习时长，统计在线时长。",
]


def stored() -> tuple[dict, dict]:
    per = {
        r["community_id"]: {k: v for k, v in r.items() if k != "community_id"}
        for r in CommunityDigital.objects.values(
            "community_id", "tools", "work_groups", "breaches", "minutes", "workers"
        )
    }
    months = {
        (r["community_id"], r["month"]): [r["minutes_in"], r["minutes_out"]]
        for r in DigitalMonth.objects.values("community_id", "month", "minutes_in", "minutes_out")
    }
    return per, months


def expected() -> tuple[dict, dict]:
    per, months = rollup.computed(None)
    return {c: dict(r) for c, r in per.items()}, months


class RollupPropertyTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = f.org_tree()
        cls.communities = [cls.org["community"], cls.org["other_community"], cls.org["far_community"]]
        cls.workers = [
            f.user(f"rw{i}", "grid_worker" if i % 2 else "community_worker", community=c)
            for i, c in enumerate(cls.communities * 2)
        ]
        cls.office = f.user("rdoffice", "district_office", district=cls.org["district"])

    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["register", "declare", "withdraw", "close", "revise"]),
                st.integers(0, 50),
                st.integers(0, 50),
                st.sets(st.integers(0, 2), min_size=1),
            ),
            min_size=1,
            max_size=14,
        )
    )
    def test_services_keep_the_rollup_exact(self, steps):
        tools: list[DigitalTool] = []
        for op, a, b, where in steps:
            if op == "register" or not tools:
                tools.append(
                    services.tool_register(
                        actor=SYSTEM,
                        kind="work_group" if a % 3 else "app",
                        name=f"工具{len(tools)}",
                        platform="wechat",
                        owner_department=self.org["department"],
                        asks_text=ASKS[b % len(ASKS)],
                        communities=[self.communities[i] for i in sorted(where)],
                    )
                )
                continue
            tool = DigitalTool.objects.get(pk=tools[a % len(tools)].pk)
            if op == "declare" and tool.status in ("in_use", "keep", "merge", "close"):
                services.declaration_add(actor=self.workers[b % len(self.workers)], tools=[tool])
            elif op == "withdraw":
                live = list(Declaration.objects.filter(withdrawn_on=None).order_by("pk"))
                if live:
                    services.declaration_withdraw(
                        actor=live[b % len(live)].worker, declaration=live[b % len(live)]
                    )
            elif op == "close" and tool.status in ("in_use", "keep"):
                item = services.plan_decide(actor=self.office, tool=tool, action="close", reason="重复建设")
                if b % 2:
                    services.plan_progress(actor=self.office, item=item, progress="done", note="已关停")
            elif op == "revise" and tool.status in ("in_use", "keep"):
                services.tool_revise(
                    actor=SYSTEM, tool=tool, purpose="通知", asks_text=ASKS[b % len(ASKS)] + "每天汇报两次。"
                )
        self.assertEqual(stored(), expected())
        before = stored()
        self.assertEqual(rollup.rebuild()["communities"], len(before[0]))
        self.assertEqual(stored(), before)
        # the report's figures equal the direct computation
        fast = selectors.report(self.office).as_json()
        slow = selectors.report(self.office, direct=True).as_json()
        self.assertEqual(fast, slow)
        self.assertEqual(
            fast["totals"]["tools"] + fast["totals"]["work_groups"],
            DigitalTool.objects.filter(status__in=["in_use", "keep", "merge", "close"]).count(),
        )

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 2),  # community
                st.integers(0, 500),  # days before today the tool started
                st.one_of(st.none(), st.integers(0, 500)),  # days before today it ended (if ended)
                st.sampled_from([Decimal("5"), Decimal("12.5"), Decimal("33.25")]),
                st.lists(st.tuples(st.integers(0, 5), st.integers(0, 500), st.none() | st.integers(0, 500))),
            ),
            min_size=1,
            max_size=8,
        )
    )
    def test_report_from_rollup_equals_direct_on_backdated_data(self, rows):
        """Tools and declarations written with past dates (an import, the demo): after `refresh`,
        the report — per community, totals, 12-month trend — and the scorecard figures are the same
        from the roll-ups as from the declarations."""
        today = timezone.localdate()
        for c, start, end, minutes, decls in rows:
            started = today - dt.timedelta(days=start)
            ended = None if end is None or end > start else today - dt.timedelta(days=end)
            tool = DigitalTool.objects.create(
                district=self.org["district"],
                kind="work_group" if minutes != Decimal("5") else "app",
                name=f"旧工具{start}",
                status="closed" if ended else "in_use",
                status_since=ended or started,
                started_on=started,
                ended_on=ended,
                minutes_per_day=minutes,
                violation_codes=["check_in"] if start % 2 else [],
            )
            tool.communities.add(self.communities[c])
            for w, d, gone in decls:
                worker = self.workers[w]
                if worker.community_id != self.communities[c].pk:
                    continue
                declared = max(started, today - dt.timedelta(days=d))
                if ended:
                    declared = min(declared, ended)
                withdrawn = (
                    None
                    if gone is None or gone > (today - declared).days
                    else today - dt.timedelta(days=gone)
                )
                if ended and (withdrawn is None or withdrawn > ended):
                    withdrawn = ended
                if withdrawn is None and Declaration.objects.filter(
                    worker=worker, tool=tool, withdrawn_on=None
                ):
                    continue
                Declaration.objects.create(
                    community=worker.community,
                    worker=worker,
                    tool=tool,
                    declared_on=declared,
                    withdrawn_on=withdrawn,
                )
        rollup.refresh(c.pk for c in self.communities)
        self.assertEqual(stored(), expected())
        for actor, street in ((self.office, None), (self.office, self.org["street"])):
            self.assertEqual(
                selectors.report(actor, street=street).as_json(),
                selectors.report(actor, street=street, direct=True).as_json(),
            )
        ids = [c.pk for c in self.communities]
        for year in (today.year, today.year - 1):
            fast = selectors.digital_scorecard_figures(actor=self.office, community_ids=ids, year=year)
            slow = selectors.digital_scorecard_figures(
                actor=self.office, community_ids=ids, year=year, direct=True
            )
            self.assertEqual(fast, slow)


class RebuildCommandTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = f.org_tree()

    def test_rebuild_restores_a_damaged_rollup(self):
        worker = f.user("rbw", "grid_worker", community=self.org["community"])
        tool = services.tool_register(
            actor=SYSTEM,
            kind="work_group",
            name="网格群",
            platform="wechat",
            owner_department=self.org["department"],
            asks_text="每天早上在群里打卡签到。",
            communities=[self.org["community"]],
        )
        services.declaration_add(actor=worker, tools=[tool])
        good = stored()
        self.assertEqual(good[0][self.org["community"].pk]["workers"], 1)
        self.assertEqual(good[0][self.org["community"].pk]["breaches"], 1)
        CommunityDigital.objects.update(tools=99, minutes=0)
        DigitalMonth.objects.all().delete()
        out = io.StringIO()
        with redirect_stdout(out):
            call_command("digital", "rebuild", "--json")
        self.assertEqual(json.loads(out.getvalue())["communities"], 1)
        self.assertEqual(stored(), good)
