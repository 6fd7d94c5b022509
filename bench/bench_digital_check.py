"""The digital register's rule check (jianfu.digital.rules) on the labelled set
jianfu/digital/data/labelled.yaml: accuracy, precision and recall per code, for the dev part (used
to build the rules) and the held-out part (only reported here), target ≥ 0.95 each; and the check's
latency per description. No database needed (the shipped data dictionary)."""

from __future__ import annotations

import statistics
import time

TARGET = 0.95


def _report(split: str) -> bool:
    from jianfu.digital.evaluation import labelled, score

    examples = labelled()[split]
    scores, wrong = score(examples)
    print(f"{split}: {len(examples)} descriptions, {sum(1 for e in examples if e.violations)} with breaches")
    ok = True
    for s in scores:
        good = min(s.accuracy, s.precision, s.recall) >= TARGET
        ok &= good
        print(
            f"  {s.code:<17} accuracy {s.accuracy:.3f}  precision {s.precision:.3f}  recall {s.recall:.3f}"
            f"  (tp {s.tp}, fp {s.fp}, fn {s.fn}){'' if good else '  BELOW TARGET'}"
        )
    exact = 1 - len(wrong) / max(1, len(examples))
    print(f"  all codes right: {exact:.3f} of descriptions")
    for example, predicted in wrong:
        print(f"  wrong: expected {sorted(example.violations)} got {sorted(predicted)}: {example.text[:70]}")
    return ok


def main() -> None:
    from jianfu.digital.evaluation import labelled
    from jianfu.digital.rules import check

    ok = _report("dev") & _report("heldout")
    if "unseen" in labelled():
        ok &= _report("unseen")
    texts = [e.text for split in ("dev", "heldout") for e in labelled()[split]]
    check(texts[0])  # compile the patterns
    times = []
    for _round in range(5):
        for text in texts:
            started = time.perf_counter()
            check(text)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"check latency: p50 {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95) - 1]:.2f} ms "
        f"over {len(times)} calls"
    )
    print(f"target ≥ {TARGET} per code on both parts: {'ok' if ok else 'NOT MET'}")


if __name__ == "__main__":
    import django

    django.setup()
    main()
