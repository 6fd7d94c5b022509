"""Matcher accuracy on the labelled task set, and speed with a 500-item catalog (target ≤ 50 ms)."""

from __future__ import annotations

import statistics
import time

from jianfu.catalog import matching
from jianfu.catalog.evaluation import accuracy, evaluate, labelled_tasks, synthetic_catalog


def main() -> None:
    outcomes = evaluate()
    list_acc, code_acc = accuracy(outcomes)
    print(f"labelled tasks: {len(outcomes)}")
    print(f"top-1 list accuracy: {list_acc:.3f}   top-1 list+item accuracy: {code_acc:.3f}")
    for name, holdout in (("tuned on", False), ("held out", True)):
        part = [o for o in outcomes if o.holdout == holdout]
        a, b = accuracy(part)
        print(f"  {name}: {len(part)} texts, list {a:.3f}, list+item {b:.3f}")
    for o in outcomes:
        if not o.code_ok:
            print(f"  miss: {o.text} expected {o.expect_list} {list(o.codes)} got {o.got_list} {o.got_code}")

    items = synthetic_catalog(500)
    started = time.perf_counter()
    matching.index_for(items)
    print(f"index build (500 items, cold): {(time.perf_counter() - started) * 1000:.0f} ms")
    texts = [row["text"] for row in labelled_tasks()]
    texts += ["开展" + "社区工作情况调查，请各社区按时报送。" * 40]  # a long notice
    times = []
    for _ in range(5):
        for text in texts:
            t0 = time.perf_counter()
            matching.match(text, items)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"match() with 500 items: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms over {len(times)} calls"
    )
    print("target: ≤ 50 ms per call —", "ok" if p95 <= 50 else "TOO SLOW")


if __name__ == "__main__":
    import django

    django.setup()
    main()
