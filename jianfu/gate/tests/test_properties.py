"""Property tests: the decision rules hold for any matches, and any text is validated or decided."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.catalog.matching import Match
from jianfu.catalog.selectors import ActiveItem
from jianfu.gate.choices import APPROVAL_KINDS, Decision, TaskKind
from jianfu.gate.decision import THRESHOLD, RegistryCoverage, TaskInput, decide, text_signals
from jianfu.gate.registry_request import Vocabulary, detect
from jianfu.gate.services import validate_task_text

LISTS = ["duty", "assist", "negative", "certificate_may_issue", "certificate_must_not_issue"]

items = st.builds(
    lambda n, kind: ActiveItem(
        pk=n,
        list_kind=kind,
        code=f"X{n}",
        name=f"事项{n}",
        aliases=(),
        legal_basis="",
        source_document="某文件",
        referral="",
        verify=False,
        jurisdiction="全国",
        effective_from=dt.date(2020, 1, 1),
    ),
    st.integers(1, 500),
    st.sampled_from(LISTS),
)
matches = st.lists(
    st.builds(Match, items, st.floats(0, 1), st.lists(st.text(max_size=4), max_size=3).map(tuple)), max_size=5
).map(lambda ms: sorted(ms, key=lambda m: -m.score))
tasks = st.builds(
    TaskInput,
    title=st.text(max_size=50),
    description=st.text(max_size=200),
    kind=st.sampled_from(TaskKind.values),
    assessed=st.booleans(),
    emergency=st.booleans(),
    has_resources=st.booleans(),
)
coverage = st.none() | st.just(RegistryCoverage(("name", "phone"), ("姓名", "联系电话")))


class DecisionProperties(SimpleTestCase):
    def setUp(self):
        self.enterContext(translation.override("zh-hans"))

    @settings(max_examples=300, deadline=None)
    @given(tasks, matches, coverage)
    def test_rules(self, task, found, registry):
        out = decide(task, found, registry=registry)
        self.assertIn(out.decision, Decision.values)
        self.assertTrue(out.reasons)
        top = found[0] if found and found[0].score >= THRESHOLD else None
        negative = top is not None and top.item.list_kind in ("negative", "certificate_must_not_issue")
        if task.emergency:
            self.assertEqual(out.decision, Decision.ADMITTED)
        elif negative:
            self.assertEqual(out.decision, Decision.REJECTED)
            self.assertIn(top.item.name, " ".join(out.reasons))
        elif registry is not None:
            self.assertEqual(out.decision, Decision.SERVED_FROM_REGISTRY)
        elif top is None or task.assessed or task.kind in APPROVAL_KINDS or text_signals(task):
            self.assertEqual(out.decision, Decision.NEEDS_APPROVAL)
        else:
            self.assertEqual(out.decision, Decision.ADMITTED)
        self.assertEqual(out.item, top.item if top else None)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=300), st.text(max_size=300))
    def test_text_is_validated_or_kept_verbatim(self, title, description):
        try:
            clean_title, clean_description = validate_task_text(title=title, description=description)
        except ValidationError as exc:
            self.assertTrue(exc.message_dict)
            return
        self.assertTrue(clean_title and clean_description)
        self.assertEqual(clean_title, title.replace("\x00", "").strip())

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=200))
    def test_detect_never_fails(self, text):
        vocab = Vocabulary(
            {
                "name": ("姓名", "text"),
                "phone": ("联系电话", "text"),
                "living_alone_elder": ("独居老人", "tag"),
                "birth_date": ("出生日期", "date"),
            },
            (("联系电话", "phone"), ("独居老人", "living_alone_elder"), ("姓名", "name")),
        )
        found = detect(title="", description=text, vocab=vocab)
        if found is not None:
            self.assertIn("name", found.coverage.fields)
            self.assertTrue(found.min_age is not None or found.tag)
