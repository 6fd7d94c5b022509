"""The labelled set of meeting notices and documents loads, is big enough, and the dev part is right."""

from django.test import SimpleTestCase

from jianfu.meetings import evaluation


class LabelledSetTests(SimpleTestCase):
    def test_set_is_well_formed_and_covers_every_text_rule(self):
        data = evaluation.labelled()
        self.assertGreaterEqual(len(data["dev"]) + len(data["heldout"]), 40)
        for split in ("dev", "heldout"):
            labels = {rule for e in data[split] for rule in e.findings}
            self.assertEqual(labels, set(evaluation.TEXT_RULES), split)
            self.assertTrue(any(not e.findings for e in data[split]), split)  # clean notices too
        titles = [e.title for split in ("dev", "heldout") for e in data[split]]
        self.assertEqual(len(titles), len(set(titles)))

    def test_dev_part_is_scored_right_rule_by_rule(self):
        scores, wrong = evaluation.score("dev")
        self.assertEqual([(e.title, sorted(p)) for e, p in wrong], [])
        self.assertEqual({s.rule for s in scores}, set(evaluation.TEXT_RULES))
        self.assertTrue(all(s.tp > 0 for s in scores))

    def test_a_wrong_label_is_counted_against_the_rule(self):
        example = evaluation.labelled()["dev"][2]  # 陪会, no approval, in person
        relabelled = evaluation.Example(
            example.kind, example.title, example.text, example.fields, frozenset()
        )
        predicted = evaluation.check(relabelled, evaluation.labelled()["catalog"])
        self.assertIn("meeting_accompany", predicted)
        self.assertNotEqual(predicted, relabelled.findings)

    def test_parts_the_set_has_are_reported_and_absent_fresh_parts_skipped(self):
        present = evaluation.present_splits()
        self.assertEqual(present[: len(evaluation.SPLITS)], evaluation.SPLITS)  # every build part and heldout
        self.assertTrue(set(present[len(evaluation.SPLITS) :]) <= set(evaluation.FRESH_SPLITS))
        self.assertEqual(
            set(present), set(evaluation.SPLITS) | (set(evaluation.FRESH_SPLITS) & set(evaluation.labelled()))
        )
