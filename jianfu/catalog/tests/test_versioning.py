import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jianfu.catalog.choices import JurisdictionLevel
from jianfu.catalog.models import CatalogItem, Jurisdiction
from jianfu.catalog.selectors import active_items, item_history, next_local_code
from jianfu.catalog.services import catalog_item_remove, catalog_item_set, jurisdiction_for_district
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.orgs.models import District

D = dt.date


def codes(district_code, on, kind="assist"):
    return {i.code: i for i in active_items(district_code=district_code, on=on, kinds=[kind])}


class VersioningTests(PersonaTestCase):
    def setUp(self):
        self.jur = jurisdiction_for_district(self.district, actor=self.officer)

    def test_jurisdiction_codes_and_get_or_create(self):
        assert (self.jur.level, self.jur.code) == ("district", "420102")
        assert jurisdiction_for_district(self.district, actor=SYSTEM) == self.jur
        prov = jurisdiction_for_district(self.district, level=JurisdictionLevel.PROVINCE, actor=SYSTEM)
        city = jurisdiction_for_district(self.district, level=JurisdictionLevel.CITY, actor=SYSTEM)
        assert (prov.code, city.code) == ("42", "4201")
        assert AuditEvent.objects.filter(object_type="catalog.jurisdiction").count() == 3

    def test_district_addition_and_override_win(self):
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="420102-A01",
            name="协助开展长江防汛巡堤查险",
            aliases=["巡堤查险"],
            effective_from=D(2026, 6, 1),
        )
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="A01",
            name="协助开展低保、特困、临时救助（江岸区版本）",
            aliases=["低保"],
            effective_from=D(2026, 6, 1),
        )
        before, after = codes("420102", D(2026, 5, 31)), codes("420102", D(2026, 6, 1))
        assert "420102-A01" not in before and "420102-A01" in after
        assert "江岸区版本" not in before["A01"].name and "江岸区版本" in after["A01"].name
        # another district still sees the national item
        assert "江岸区版本" not in codes("110102", D(2026, 6, 1))["A01"].name

    def test_city_overrides_national_and_district_overrides_city(self):
        city = jurisdiction_for_district(self.district, level=JurisdictionLevel.CITY, actor=SYSTEM)
        catalog_item_set(
            actor=SYSTEM,
            jurisdiction=city,
            list_kind="assist",
            code="A02",
            name="武汉市版本",
            effective_from=D(2025, 1, 1),
        )
        assert codes("420102", D(2026, 1, 1))["A02"].name == "武汉市版本"
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="A02",
            name="江岸区版本",
            effective_from=D(2026, 1, 1),
        )
        assert codes("420102", D(2026, 1, 1))["A02"].name == "江岸区版本"
        assert codes("420102", D(2025, 6, 1))["A02"].name == "武汉市版本"
        assert codes("420111", D(2026, 1, 1))["A02"].name == "武汉市版本"  # same city, other district

    def test_removal_hides_and_past_date_shows_old_list(self):
        catalog_item_remove(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="A31",
            effective_from=D(2026, 3, 1),
        )
        assert "A31" in codes("420102", D(2026, 2, 28))
        assert "A31" not in codes("420102", D(2026, 3, 1))
        row = CatalogItem.objects.get(jurisdiction=self.jur, code="A31")
        assert row.action == "remove" and "民兵" in row.name
        # restore later
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="A31",
            name="恢复",
            effective_from=D(2026, 9, 1),
        )
        assert codes("420102", D(2026, 9, 1))["A31"].name == "恢复"
        assert "A31" not in codes("420102", D(2026, 8, 31))
        history = item_history(district_code="420102", list_kind="assist", code="A31")
        assert [h.action for h in history] == ["set", "remove", "set"]
        assert history[1].effective_to == D(2026, 9, 1)

    def test_versions_are_never_updated_in_place(self):
        first = catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="duty",
            code="420102-D01",
            name="第一版",
            effective_from=D(2026, 1, 1),
        )
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="duty",
            code="420102-D01",
            name="第二版",
            effective_from=D(2026, 7, 1),
        )
        first.refresh_from_db()
        assert first.name == "第一版" and first.effective_to == D(2026, 7, 1)
        # inserted between: runs until the later version
        middle = catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="duty",
            code="420102-D01",
            name="插入版",
            effective_from=D(2026, 4, 1),
        )
        assert middle.effective_to == D(2026, 7, 1)
        assert codes("420102", D(2026, 5, 1), "duty")["420102-D01"].name == "插入版"
        assert codes("420102", D(2026, 8, 1), "duty")["420102-D01"].name == "第二版"
        assert codes("420102", D(2026, 2, 1), "duty")["420102-D01"].name == "第一版"

    def test_bad_input_clear_error_nothing_written(self):
        count = CatalogItem.objects.count()
        cases = [
            dict(code="bad code!", name="x"),
            dict(code="420102-A09", name="  "),
            dict(code="420102-A09", name="x", list_kind="nonsense"),
            dict(code="420102-A09", name="x", aliases=["长" * 60]),
        ]
        for case in cases:
            kw = dict(
                actor=self.officer, jurisdiction=self.jur, list_kind="assist", effective_from=D(2026, 1, 1)
            )
            kw.update(case)
            with pytest.raises(ValidationError):
                catalog_item_set(**kw)
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="420102-A09",
            name="x",
            effective_from=D(2026, 1, 1),
        )
        with pytest.raises(ValidationError, match="同一天只能有一个版本"):
            catalog_item_set(
                actor=self.officer,
                jurisdiction=self.jur,
                list_kind="assist",
                code="420102-A09",
                name="y",
                effective_from=D(2026, 1, 1),
            )
        with pytest.raises(ValidationError, match="没有编号为"):
            catalog_item_remove(
                actor=self.officer,
                jurisdiction=self.jur,
                list_kind="assist",
                code="Z99",
                effective_from=D(2026, 1, 1),
            )
        assert CatalogItem.objects.count() == count + 1

    def test_permissions(self):
        other = District.objects.create(code="420103", name="江汉区")
        other_jur = jurisdiction_for_district(other, actor=SYSTEM)
        for user in (self.worker, self.head, self.dept_user, self.resident):
            with pytest.raises(OutOfScope):
                catalog_item_set(
                    actor=user,
                    jurisdiction=self.jur,
                    list_kind="duty",
                    code="X1",
                    name="x",
                    effective_from=D(2026, 1, 1),
                )
        for user in (self.officer, self.district_officer, self.admin):
            with pytest.raises(OutOfScope):
                catalog_item_set(
                    actor=user,
                    jurisdiction=other_jur,
                    list_kind="duty",
                    code="X1",
                    name="x",
                    effective_from=D(2026, 1, 1),
                )
        national = Jurisdiction.objects.get(level="national")
        with pytest.raises(OutOfScope):
            catalog_item_remove(
                actor=self.admin,
                jurisdiction=national,
                list_kind="duty",
                code="D01",
                effective_from=D(2026, 1, 1),
            )
        outsider = f.user("otherofficer", "street_office", district=other)
        with pytest.raises(OutOfScope):
            catalog_item_set(
                actor=outsider,
                jurisdiction=self.jur,
                list_kind="duty",
                code="X1",
                name="x",
                effective_from=D(2026, 1, 1),
            )

    def test_audited(self):
        n = AuditEvent.objects.count()
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="duty",
            code="420102-D01",
            name="x",
            effective_from=D(2026, 1, 1),
        )
        catalog_item_remove(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="duty",
            code="420102-D01",
            effective_from=D(2026, 2, 1),
        )
        assert AuditEvent.objects.count() == n + 2

    def test_next_local_code(self):
        assert next_local_code(self.jur, "assist") == "420102-A01"
        catalog_item_set(
            actor=self.officer,
            jurisdiction=self.jur,
            list_kind="assist",
            code="420102-A01",
            name="x",
            effective_from=D(2026, 1, 1),
        )
        assert next_local_code(self.jur, "assist") == "420102-A02"
        assert next_local_code(self.jur, "certificate_may_issue") == "420102-CM01"
