"""Finding 3: departments browse nothing, and the 综治 special populations need a legal basis."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jianfu.accounts.auth import api_token_create
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import OutOfScope
from jianfu.core.testing import PersonaTestCase
from jianfu.core.testing import factories as f
from jianfu.registry import services
from jianfu.registry.models import Attribute, Person, PersonTag, SensitiveAccess


class SensitiveCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.drug = Attribute.objects.get(code="drug_user")
        cls.plain = f.person(cls.community, name="张普通")
        cls.tagged = f.person(cls.community, name="李敏感")
        PersonTag.objects.create(person=cls.tagged, attribute=cls.drug)

    def names(self, user, action="view"):
        return set(Person.objects.restrict(user, action).values_list("name", flat=True))

    def grant(self, **kw):
        kw.setdefault("role", "community_worker")
        return services.sensitive_access_grant(
            actor=self.admin,
            district=self.district,
            attribute=self.drug,
            legal_basis="《中华人民共和国禁毒法》第三十四条",
            **kw,
        )


class VisibilityTests(SensitiveCase):
    def test_without_a_legal_basis_the_tagged_resident_is_invisible(self):
        assert self.names(self.worker) == {"张普通"}
        assert self.names(self.head) == {"张普通"}
        client = self.client_for(self.worker)
        assert "李敏感" not in client.get(reverse("registry:person_list"), {"q": "李"}).content.decode()
        assert client.get(reverse("registry:person_detail", args=[self.tagged.pid])).status_code == 404
        _t, plain = api_token_create(user=self.worker, name="t")
        headers = {"Authorization": f"Bearer {plain}"}
        assert client.get(f"/api/v1/registry/people/{self.tagged.pid}", headers=headers).status_code == 404
        results = client.get("/api/v1/registry/people", headers=headers).json()["results"]
        assert {p["name"] for p in results} == {"张普通"}

    def test_a_grant_to_the_role_makes_them_visible_to_that_role_only(self):
        self.grant()
        assert self.names(self.worker) == {"张普通", "李敏感"}
        assert self.names(self.head) == {"张普通"}  # another role: no basis
        assert self.names(self.officer) == {"张普通"}
        # a worker of another community still sees nobody of this one
        assert self.names(self.other_worker) == set()

    def test_revoking_hides_them_again_and_both_are_audited(self):
        grant = self.grant()
        services.sensitive_access_revoke(actor=self.admin, grant=grant, reason="岗位调整")
        assert self.names(self.worker) == {"张普通"}
        actions = set(
            AuditEvent.objects.filter(object_type="registry.sensitiveaccess").values_list("action", flat=True)
        )
        assert actions == {"create", "revoke"}

    def test_a_department_grant_does_not_open_browsing(self):
        self.grant(role="", department=self.department)
        assert self.names(self.dept_user) == set()
        assert "李敏感" in self.names(self.dept_user, "export")
        assert "李敏感" not in self.names(self.street_dept_user, "export")

    def test_fills_leave_out_the_tagged_resident_without_a_basis(self):
        from jianfu.fills.services import people_for_fill

        names = {p.name for p in people_for_fill(actor=self.worker, community=self.community, where="")}
        assert names == {"张普通"}


class DepartmentBrowsingTests(SensitiveCase):
    def test_departments_get_404_on_registry_pages_and_api(self):
        client = self.client_for(self.dept_user)
        for url in (
            reverse("registry:person_list"),
            reverse("registry:person_detail", args=[self.plain.pid]),
        ):
            assert client.get(url).status_code == 404, url
        _t, plain = api_token_create(user=self.dept_user, name="t")
        headers = {"Authorization": f"Bearer {plain}"}
        assert client.get("/api/v1/registry/people", headers=headers).status_code == 404
        assert client.get(f"/api/v1/registry/people/{self.plain.pid}", headers=headers).status_code == 404
        assert client.get("/api/v1/registry/attributes", headers=headers).status_code == 200  # the dictionary


class GrantingTests(SensitiveCase):
    def test_only_the_district_administrator_grants(self):
        for user in (self.worker, self.head, self.officer, self.district_officer, self.dept_user):
            with pytest.raises(OutOfScope):
                services.sensitive_access_grant(
                    actor=user,
                    district=self.district,
                    attribute=self.drug,
                    legal_basis="《禁毒法》第三十四条",
                    role="community_worker",
                )
        assert not SensitiveAccess.objects.exists()

    def test_bad_input_is_refused_and_nothing_written(self):
        low = Attribute.objects.get(code="dibao")
        for kw in (
            {"legal_basis": " ", "role": "community_worker"},
            {"legal_basis": "《禁毒法》第三十四条", "role": ""},
            {"legal_basis": "《禁毒法》第三十四条", "role": "pope"},
            {
                "legal_basis": "《禁毒法》第三十四条",
                "role": "community_worker",
                "department": self.department,
            },
        ):
            with pytest.raises(services.RegistryError):
                services.sensitive_access_grant(
                    actor=self.admin, district=self.district, attribute=self.drug, **kw
                )
        with pytest.raises(services.RegistryError):
            services.sensitive_access_grant(
                actor=self.admin,
                district=self.district,
                attribute=low,
                legal_basis="x法第一条",
                role="grid_worker",
            )
        assert not SensitiveAccess.objects.exists()

    def test_page_lists_counts_grants_and_revokes(self):
        client = self.client_for(self.admin)
        url = reverse("registry:sensitive_access")
        page = client.get(url).content.decode()
        assert "吸毒人员 · 1" in page and "李敏感" not in page
        grantee = "role:community_worker"
        response = client.post(
            url, {"attribute": self.drug.pk, "grantee": grantee, "legal_basis": "《禁毒法》第三十四条"}
        )
        assert response.status_code == 302
        grant = SensitiveAccess.objects.get()
        client.post(reverse("registry:sensitive_access_revoke", args=[grant.pk]), {"reason": "岗位调整"})
        grant.refresh_from_db()
        assert grant.revoked_at is not None
        for user in (None, self.worker, self.district_officer, self.dept_user):
            response = self.client_for(user).get(url)
            assert response.status_code in (302, 404)
            if user is not None:
                assert response.status_code == 404

    def test_cli_and_api(self):
        out = io.StringIO()
        call_command(
            "sensitive-access",
            "grant",
            "--district",
            self.district.code,
            "--tag",
            "吸毒人员",
            "--role",
            "grid_worker",
            "--basis",
            "《禁毒法》第三十四条",
            "--json",
            stdout=out,
        )
        row = json.loads(out.getvalue())["grant"]
        assert row["role"] == "grid_worker" and row["revoked_at"] is None
        with pytest.raises(CommandError):
            call_command(
                "sensitive-access", "revoke", str(row["id"]), "--reason", "x", "--user", self.worker.username
            )
        _t, plain = api_token_create(user=self.admin, name="t")
        headers = {"Authorization": f"Bearer {plain}"}
        listed = self.client.get("/api/v1/registry/sensitive-access", headers=headers).json()
        assert [g["id"] for g in listed] == [row["id"]]
        revoked = self.client.post(
            f"/api/v1/registry/sensitive-access/{row['id']}/revoke",
            json.dumps({"reason": "调岗"}),
            content_type="application/json",
            headers=headers,
        )
        assert revoked.status_code == 200 and revoked.json()["revoked_at"]
        _t, worker_token = api_token_create(user=self.worker, name="t")
        denied = self.client.get(
            "/api/v1/registry/sensitive-access", headers={"Authorization": f"Bearer {worker_token}"}
        )
        assert denied.status_code == 404


class ActionsOnAVisiblePersonTests(SensitiveCase):
    """The person page asks `may_act_on_visible` instead of two more scoped Person queries."""

    def test_same_answer_as_restrict_for_every_actor_action_and_visible_person(self):
        from jianfu.registry.permissions import may_act_on_visible

        self.grant()  # the worker sees the tagged resident, the head does not
        f.person(self.other_community, name="王别处")
        actors = [
            self.worker,
            self.head,
            self.grid_worker,
            self.other_worker,
            self.officer,
            self.district_officer,
            self.admin,
        ]
        checked = 0
        for actor in actors:
            for person in Person.objects.restrict(actor, "view"):
                for action in ("change", "reveal", "export", "review", "audit", "manage"):
                    scoped = Person.objects.restrict(actor, action).filter(pk=person.pk).exists()
                    assert may_act_on_visible(actor, person, action) == scoped, (actor, person, action)
                    checked += 1
        assert checked > 60


class ListCountCompiledOnceTests(SensitiveCase):
    """The registry list's capped count is compiled once per user and filters (jianfu.core.compiled):
    what it counts still follows the rows and the grants of the moment."""

    def count(self, user, **filters):
        response = self.client_for(user).get(reverse("registry:person_list"), filters)
        return response.context["page"].count

    def test_count_follows_new_residents_grants_and_revocations(self):
        assert self.count(self.worker) == 1  # 张普通; the tagged resident needs a legal basis
        assert self.count(self.worker, conflicts="on") == 0
        f.person(self.community, name="王新来")
        assert self.count(self.worker) == 2
        access = self.grant()
        assert self.count(self.worker) == 3
        assert self.count(self.head) == 2  # another role: no basis
        services.sensitive_access_revoke(actor=self.admin, grant=access, reason="到期")
        assert self.count(self.worker) == 2
        Person.objects.filter(name="王新来").update(has_conflict=True)
        assert self.count(self.worker, conflicts="on") == 1

    def test_same_count_as_the_uncompiled_search_for_every_filter(self):
        from jianfu.registry import selectors

        self.grant()
        f.person(self.community, name="赵老", birth=dt.date(1950, 1, 1), grid=self.grid)
        queries = [
            selectors.SearchQuery(),
            selectors.SearchQuery(grid=self.grid.pk),
            selectors.SearchQuery(tag="drug_user"),
            selectors.SearchQuery(age_min=60),
            selectors.SearchQuery(age_min=1, age_max=70),
            selectors.SearchQuery(conflicts=True),
            selectors.SearchQuery(q="赵"),
        ]
        for user in (self.worker, self.head, self.grid_worker, self.officer, self.district_officer):
            for query in queries:
                for _ in range(2):  # the first builds, the second runs the compiled SQL
                    page = selectors.person_list_page(user=user, query=query)
                    expected = selectors.person_page(selectors.person_search(user=user, query=query))
                    assert page.count == expected.count, (user, query)
                    assert [p.pk for p in page.rows] == [p.pk for p in expected.rows], (user, query)
