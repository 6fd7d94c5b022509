import pytest
from django.core.management import CommandError, call_command

from jianfu.orgs.models import Community, Department, Grid

ORG = """
district: {code: "420102", name: 江岸区}
streets:
  - code: "420102001"
    name: 大智街道
    communities:
      - {code: "420102001001", name: 民意社区, grids: ["01", "02", "03"]}
departments:
  - {code: MZJ, name: 区民政局, level: district}
"""


@pytest.mark.django_db
def test_load_org_twice_updates_without_duplicates(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    call_command("load-org", str(path))
    call_command("load-org", str(path))
    assert Community.objects.count() == 1
    assert Grid.objects.count() == 3
    assert Department.objects.count() == 1
    path.write_text(ORG.replace("民意社区", "民意新社区"), encoding="utf-8")
    call_command("load-org", str(path))
    assert Community.objects.get().name == "民意新社区"


@pytest.mark.django_db
def test_bad_org_file_writes_nothing(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(ORG.replace('code: "420102001001", ', ""), encoding="utf-8")
    with pytest.raises(CommandError, match="code"):
        call_command("load-org", str(path))
    assert Community.objects.count() == 0
