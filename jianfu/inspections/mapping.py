"""Which part of the evidence package answers a requested material (matched on its words).

A material that matches nothing is one the system cannot produce: it needs a justification
the 减负办 accepts. A 留痕 demand (jianfu.inspections.traces) is refused whatever it matches.
"""

import re
from dataclasses import dataclass

from jianfu.core.text import fold
from jianfu.inspections.choices import MaterialSource, MaterialStatus
from jianfu.inspections.traces import trace_words

# Checked in order: the first source whose words occur in the material wins.
_SOURCE_WORDS: list[tuple[str, str]] = [
    (MaterialSource.CERTIFICATES, r"证明|开具"),
    (MaterialSource.REQUESTS, r"诉求|12345|热线|工单|接诉即办|吹哨|报到|投诉|群众反映|办结率|满意率|响应率"),
    (MaterialSource.ACTIVITIES, r"活动|宣传|讲座|志愿服务|文体"),
    (MaterialSource.FILLS, r"报表|填报|统计表|一表通|表格"),
    (MaterialSource.LEDGER_IMPORTS, r"台账|名册|花名册|底数|数据更新|信息采集"),
    (MaterialSource.TASKS, r"任务|工作安排|准入|下派|落实情况|整改"),
    (MaterialSource.BURDEN, r"减负|负担|工作量|检查次数"),
    (MaterialSource.REGISTRY, r"居民|人员信息|人口|户籍|特殊人群|困难群众|老年人|残疾人"),
]
_COMPILED = [(source, re.compile(words)) for source, words in _SOURCE_WORDS]


@dataclass(frozen=True)
class MaterialMap:
    source: str
    status: str
    trace_words: tuple[str, ...]


def map_material(text: str) -> MaterialMap:
    traces = tuple(trace_words(text))
    folded = fold(text)
    source = next((s for s, pattern in _COMPILED if pattern.search(folded)), MaterialSource.NONE)
    if traces:
        status = MaterialStatus.TRACE_REFUSED
    elif source == MaterialSource.NONE:
        status = MaterialStatus.NEEDS_JUSTIFICATION
    else:
        status = MaterialStatus.MAPPED
    return MaterialMap(source=str(source), status=str(status), trace_words=traces)
