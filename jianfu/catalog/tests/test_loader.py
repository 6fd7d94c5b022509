import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jianfu.catalog.models import CatalogItem
from jianfu.catalog.selectors import active_items

CITY = """
jurisdiction: {level: city, code: "4201", name: 武汉市}
effective_from: 2026-01-01
source_document: 武汉市社区工作事项清单（2026年版）
assist:
  - {code: "4201-A01", name: 协助开展长江防汛巡堤查险, aliases: [巡堤查险]}
  - {code: A02, name: 协助做好武汉市高龄津贴申领, aliases: [高龄津贴]}
remove:
  - {list_kind: assist, code: A31}
"""

pytestmark = pytest.mark.django_db


def codes(on, district="420102"):
    return {i.code: i for i in active_items(district_code=district, on=on, kinds=["assist"])}


def test_city_file_applies_to_its_districts_and_is_idempotent(tmp_path):
    path = tmp_path / "wuhan.yaml"
    path.write_text(CITY, encoding="utf-8")
    out = StringIO()
    call_command("catalog-load", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "set": 2, "removed": 1, "unchanged": 0}
    now, before = codes(dt.date(2026, 3, 1)), codes(dt.date(2025, 12, 31))
    assert "4201-A01" in now and now["A02"].name == "协助做好武汉市高龄津贴申领" and "A31" not in now
    assert "4201-A01" not in before and "A31" in before
    assert "4201-A01" not in codes(dt.date(2026, 3, 1), district="110102")  # another city
    rows = CatalogItem.objects.count()
    out = StringIO()
    call_command("catalog-load", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "set": 0, "removed": 0, "unchanged": 3}
    assert CatalogItem.objects.count() == rows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (CITY.replace('code: "4201"', 'code: "42"'), "4 digits"),
        (CITY.replace("level: city", "level: national"), "province, city or district"),
        (CITY.replace("effective_from: 2026-01-01", "effective_from: soon"), "effective_from"),
        (CITY.replace("code: A31", "code: Z99"), "Z99"),
        (CITY.replace('code: "4201-A01"', 'code: "坏 编号"'), "坏 编号"),
        ("[1, 2]", "mapping"),
        ("jurisdiction: {level: city", "YAML"),
    ],
)
def test_bad_file_clear_error_nothing_written(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    rows = CatalogItem.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("catalog-load", str(path), stdout=StringIO())
    assert message in str(exc.value) and "nothing was loaded" in str(exc.value)
    assert CatalogItem.objects.count() == rows
