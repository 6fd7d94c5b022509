from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from jianfu.accounts.models import User
from jianfu.core import idcard
from jianfu.orgs.models import Community
from jianfu.registry import services
from jianfu.registry.bulk import build_registry
from jianfu.registry.demo import generate_people
from jianfu.registry.models import Fact, Person, PersonTag


def test_generate_people_is_valid_and_deterministic():
    class C:
        def __init__(self, pk, code):
            self.pk, self.code = pk, code

    communities = [C(1, "420102001001"), C(2, "420102001002")]
    people = list(generate_people(2000, communities, seed=5))
    again = list(generate_people(2000, communities, seed=5))
    assert len(people) == 2000
    assert [p.id_number for p in people] == [p.id_number for p in again]
    assert len({p.id_number for p in people}) == 2000
    for p in people:
        info = idcard.parse(p.id_number)
        assert info is not None and info.gender == p.gender and info.birth_date == p.birth_date
        assert {code for code, _v, _s in p.facts} >= {"name", "id_number", "gender", "birth_date"}
    ages = [2026 - p.birth_date.year for p in people]
    elders = sum(a >= 60 for a in ages) / len(ages)
    assert 0.12 < elders < 0.4
    disabled = sum(any(c == "disabled" for c, _v, _s in p.facts) for p in people) / len(people)
    assert 0.02 < disabled < 0.12


def test_bulk_load_matches_refresh(db):
    call_command("load-org", "examples/org.yaml", stdout=StringIO())
    result = build_registry(600, seed=3, detail="full")
    assert result.people == Person.objects.count() == 600
    assert Fact.objects.count() == result.facts
    # what the bulk loader derived is what the services derive from the same facts
    sample = list(Person.objects.order_by("id")[:40]) + list(Person.objects.filter(has_conflict=True)[:5])
    for person in sample:
        before = (
            person.values,
            person.has_conflict,
            person.name_key,
            person.name_initials,
            person.birth_date,
            person.phone,
            set(PersonTag.objects.filter(person=person).values_list("attribute_id", flat=True)),
        )
        services.person_refresh(person=person)
        person.refresh_from_db()
        after = (
            person.values,
            person.has_conflict,
            person.name_key,
            person.name_initials,
            person.birth_date,
            person.phone,
            set(PersonTag.objects.filter(person=person).values_list("attribute_id", flat=True)),
        )
        assert before == after
    assert Person.objects.filter(id_tail__isnull=False).count() == 600


def test_seed_demo_is_idempotent(db, monkeypatch):
    out = StringIO()
    call_command("seed-demo", "--people", "300", "--skip-hooks", stdout=out)
    text = out.getvalue()
    assert "minyi_worker" in text and "jianfu-demo-2026" in text
    assert Community.objects.count() == 6
    assert Person.objects.count() == 300
    users = User.objects.count()
    call_command("seed-demo", "--people", "300", "--skip-hooks", stdout=StringIO())
    assert Person.objects.count() == 300
    assert User.objects.count() == users
    worker = User.objects.get(username="minyi_worker")
    assert worker.check_password("jianfu-demo-2026")
    assert worker.community.name == "民意社区"
    assert User.objects.get(username="mzj_dept").department.code == "MZJ"
    assert User.objects.get(username="admin").is_staff
    roles = set(User.objects.values_list("role", flat=True).annotate(n=Count("id")))
    assert {
        "grid_worker",
        "community_worker",
        "community_head",
        "street_office",
        "district_office",
        "department",
        "district_admin",
    } <= roles


def test_seed_demo_hooks_skip_only_missing_modules(db, monkeypatch):
    import importlib

    from jianfu.registry.management.commands import __path__ as _  # noqa: F401

    seed_demo = importlib.import_module("jianfu.registry.management.commands.seed-demo")
    calls = []
    real_import = importlib.import_module

    def fake_import(name, *args):
        if name == "jianfu.fills.demo":

            class M:
                @staticmethod
                def seed(stdout):
                    calls.append(name)

            return M
        if name.startswith("jianfu.") and name.endswith(".demo"):
            raise ModuleNotFoundError(name=name)
        return real_import(name, *args)

    monkeypatch.setattr(seed_demo.importlib, "import_module", fake_import)
    cmd = seed_demo.Command(stdout=StringIO())
    cmd.hooks()
    assert calls == ["jianfu.fills.demo"]

    def broken_import(name, *args):
        raise ModuleNotFoundError(name="yaml_missing_dependency")

    monkeypatch.setattr(seed_demo.importlib, "import_module", broken_import)
    try:
        cmd.hooks()
    except ModuleNotFoundError:
        pass
    else:
        raise AssertionError("a module missing inside a hook must not be silently skipped")
