"""The digital register's rule check (jianfu.digital.rules) on the labelled set
jianfu/digital/data/labelled.yaml: accuracy, precision and recall per code, for the dev part (used
to build the rules), dev2 … dev27 (the first twenty-six unseen parts, since used to build them: dev6 was
scored once as fresh at 0.820 all codes right, stop 20, dev7 at 0.760 on main 4f42b77, dev8 at
0.780 on main 55937ec, dev9 at 0.760 on the digital27 rules, main 4220db5, dev10 at 0.740 on the
digital27 rules, main 2ed6cf5, and 0.800 on the digital28 rules, main bc93f1e, and dev11 at 0.740 on
the digital28 rules, main 523af3f, and 0.740 after digital29, main 4a12d8e, dev12 at 0.760 on
digital29, main 4a12d8e, and 0.820 after digital30, main 70a1a7a, dev13 at 0.800 on digital30,
main 972b2b4, and 0.820 after digital31, main 8e62054, and dev14 at 0.780 on digital31, main
0222fe6, and 0.780 after digital32, main a9c34f6, dev15 at 0.880 on digital32, main a9c34f6, and
0.880 after digital33, main 8ac761d, dev16 at 0.780 on digital32, main a9c34f6, and 0.800 after
digital33, main 8ac761d, and dev17, dev18 and dev19 at 0.820, 0.820 and 0.800 on digital33, main 8ac761d,
and 0.840, 0.820 and 0.820 after digital34, main 234e96e), the held-out part and a fresh
unseen part when present (only reported here: their misses are counted, their texts not printed),
target ≥ 0.95 each; and the check's latency per description, with process CPU time beside wall
time. No database needed (the shipped data dictionary)."""

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

CODES = Wording("codes", "descriptions", 17, rule="code", labels="violations", shown=lambda e: e.text[:70])


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return statistics.median(ordered) if q == 0.5 else ordered[int(len(ordered) * q) - 1]


def _report(split: str) -> bool:
    from jianfu.digital.evaluation import BUILD_SPLITS, labelled, score

    examples = labelled()[split]
    scores, wrong = score(examples)
    print(f"{split}: {len(examples)} descriptions, {sum(1 for e in examples if e.violations)} with breaches")
    return print_scores(scores, wrong, len(examples), CODES, show_wrong=split in BUILD_SPLITS)


def main() -> None:
    from jianfu.digital.evaluation import SPLITS, labelled
    from jianfu.digital.rules import check

    parts = [split for split in SPLITS if split in labelled()]
    ok = True
    for split in parts:
        ok &= _report(split)
    texts = [e.text for split in parts for e in labelled()[split]]
    check(texts[0])  # compile the patterns
    times, cpu_times = [], []
    cpu0, wall0 = os.times(), time.perf_counter()
    for _round in range(5):
        for text in texts:
            started, cpu_started = time.perf_counter(), time.process_time()
            check(text)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
    cpu1, wall1 = os.times(), time.perf_counter()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    print(
        f"check latency: wall p50 {_p(times, 0.5):.2f} ms, p95 {_p(times, 0.95):.2f} ms; "
        f"CPU p50 {_p(cpu_times, 0.5):.2f} ms, p95 {_p(cpu_times, 0.95):.2f} ms over {len(times)} calls; "
        f"wall {wall1 - wall0:.2f} s, CPU (user+sys) {cpu:.2f} s, load {os.getloadavg()[0]:.2f}"
    )
    print(f"target ≥ {TARGET} per code on every part ({', '.join(parts)}): {'ok' if ok else 'NOT MET'}")


if __name__ == "__main__":
    import django

    django.setup()
    main()
