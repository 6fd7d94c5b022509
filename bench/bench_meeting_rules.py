"""The meetings-and-documents intake's rules (jianfu.meetings.rules) on the labelled set
jianfu/meetings/data/labelled.yaml: accuracy, precision and recall per rule, for the dev part (used
while writing the rules), dev2 to dev72 (the first seventy-one unseen parts, since used to widen them), the held-out part
and the fresh parts `unseen` to `unseen8` when present (only reported here: their misses are counted, their texts
not printed; an absent part is skipped), target ≥ 0.95 each; and the check's latency per notice, with process CPU time beside wall
time (the machine is shared). No database needed."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.rule_report import TARGET, Wording, print_scores  # noqa: E402

RULES = Wording("rules", "notices", 29, rule="rule", labels="findings", shown=lambda e: e.title)


def _report(split: str) -> bool:
    from jianfu.meetings.evaluation import BUILD_SPLITS, labelled, score

    examples = labelled()[split]
    scores, wrong = score(split)
    meetings = sum(1 for e in examples if e.kind == "meeting")
    print(
        f"{split}: {len(examples)} notices ({meetings} meetings, {len(examples) - meetings} documents), "
        f"{sum(1 for e in examples if e.findings)} with findings"
    )
    return print_scores(scores, wrong, len(examples), RULES, show_wrong=split in BUILD_SPLITS)


def main() -> None:
    from jianfu.meetings.evaluation import check, labelled, present_splits

    data = labelled()
    parts = present_splits()
    ok = True
    for split in parts:
        ok &= _report(split)
    examples = [e for split in parts for e in data[split]]
    check(examples[0], data["catalog"])  # compile the patterns
    times = []
    cpu0, wall0 = os.times(), time.perf_counter()
    for _round in range(20):
        for example in examples:
            started = time.perf_counter()
            check(example, data["catalog"])
            times.append((time.perf_counter() - started) * 1000)
    cpu1, wall1 = os.times(), time.perf_counter()
    times.sort()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    print(
        f"check latency: p50 {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95) - 1]:.2f} ms "
        f"over {len(times)} calls; wall {wall1 - wall0:.2f} s, CPU (user+sys) {cpu:.2f} s, "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(f"target ≥ {TARGET} per rule on every part ({', '.join(parts)}): {'ok' if ok else 'NOT MET'}")


if __name__ == "__main__":
    import django

    django.setup()
    main()
