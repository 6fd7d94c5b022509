"""Certificate desk: answer accuracy on the labelled requests, check latency (target ≤ 30 ms),
one PDF with a reused compiler (≤ 100 ms), and a batch of 1,000 certificates issued and rendered
(≤ 30 s). Runs on a throwaway test database (in-memory SQLite unless DATABASE_URL says otherwise).
"""

from __future__ import annotations

import statistics
import time


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * q) - 1)]


def run() -> None:
    import os

    from django.utils import timezone

    from jianfu.certificates.check import check_request
    from jianfu.certificates.labelled import evaluate, labelled_requests
    from jianfu.certificates.models import Certificate
    from jianfu.certificates.pdf import certificate_pdf, compiler
    from jianfu.certificates.services import BatchEntry, certificate_issue, certificate_issue_batch
    from jianfu.core.testing import factories as f

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures scale with it)")
    accuracy, outcomes = evaluate(district_code="420102")
    print(f"labelled requests: {len(outcomes)}; accuracy: {accuracy:.3f}")
    for o in outcomes:
        if not o.correct:
            print(f"  miss: {o.text} expected {o.expect} {o.code} got {o.got} {o.got_code} ({o.score:.2f})")

    texts = [r["text"] for r in labelled_requests()]
    check_request(text=texts[0], district_code="420102")  # warm the index
    times = []
    for _ in range(3):
        for text in texts:
            t0 = time.perf_counter()
            check_request(text=text, district_code="420102")
            times.append((time.perf_counter() - t0) * 1000)
    p50, p95 = statistics.median(times), _percentile(times, 0.95)
    print(
        f"check latency (incl. catalog query): p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(times)} calls "
        f"(target: ≤ 30 ms) — {'ok' if p95 <= 30 else 'TOO SLOW'}"
    )

    t0 = time.perf_counter()
    compiler()
    kwargs = dict(
        serial="〔2026〕第0001号",
        title="居住证明",
        body="兹证明王秀兰在本社区居住。\n特此证明。",
        community="民意社区居民委员会",
        date="2026年11月21日",
        url="https://example.org/certificates/v/x",
        verify_label="扫码核验",
    )
    certificate_pdf(**kwargs)
    cold = (time.perf_counter() - t0) * 1000
    pdf_times = []
    for _ in range(20):
        t0 = time.perf_counter()
        certificate_pdf(**kwargs)
        pdf_times.append((time.perf_counter() - t0) * 1000)
    one = statistics.median(pdf_times)
    print(
        f"one PDF: cold {cold:.0f} ms (fonts), warm median {one:.1f} ms, max {max(pdf_times):.1f} ms "
        f"(target: ≤ 100 ms) — {'ok' if one <= 100 else 'TOO SLOW'}"
    )

    org = f.org_tree()
    community = org["community"]
    worker = f.user("bench_worker", "community_worker", community=community)
    today = f"{timezone.localdate():%Y年%m月%d日}"

    t0 = time.perf_counter()
    for n in range(200):
        certificate_issue(
            actor=worker,
            community=community,
            item_code="CM01",
            holder_name=f"单份{n}",
            purpose="子女入学报名",
            body=f"兹证明单份{n}在本社区居住。\n特此证明。",
        )
    single = (time.perf_counter() - t0) / 200 * 1000
    print(f"single issue (locked counter + audit): {single:.1f} ms each over 200")

    t0 = time.perf_counter()
    entries = [
        BatchEntry(
            body=f"兹证明学生{n}参加社区实践活动。\n特此证明。",
            purpose="学校社会实践",
            holder_name=f"学生{n}",
        )
        for n in range(1000)
    ]
    made = certificate_issue_batch(actor=worker, community=community, item_code="CM03", entries=entries)
    issued = time.perf_counter() - t0
    t1 = time.perf_counter()
    for c in made:
        certificate_pdf(
            serial=c.serial,
            title=c.title,
            body=c.body,
            community=community.name,
            date=today,
            url=f"https://example.org/certificates/v/{c.token}",
            verify_label="扫码核验",
        )
    rendered = time.perf_counter() - t1
    batch = time.perf_counter() - t0
    count = Certificate.objects.filter(community=community).count()
    print(
        f"batch of 1,000: issued in {issued:.1f} s + 1,000 PDFs in {rendered:.1f} s = {batch:.1f} s "
        f"(target: ≤ 30 s) — {'ok' if batch <= 30 else 'TOO SLOW'}; {count} certificates in the register"
    )


def main() -> None:
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run()
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    import django

    django.setup()
    main()
