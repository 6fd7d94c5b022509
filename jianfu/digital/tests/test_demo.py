from io import StringIO

from jianfu.core.testing import PersonaTestCase
from jianfu.digital import demo, selectors
from jianfu.digital.choices import ToolKind, ToolStatus
from jianfu.digital.models import Declaration, DigitalTool


class DemoTests(PersonaTestCase):
    def test_demo_register_is_realistic_and_idempotent(self):
        out = StringIO()
        demo.seed(out)
        groups = DigitalTool.objects.filter(communities=self.community, kind=ToolKind.WORK_GROUP).count()
        assert 40 <= groups <= 60
        assert (
            Declaration.objects.filter(worker=self.grid_worker, tool__kind=ToolKind.WORK_GROUP).count() >= 40
        )
        assert DigitalTool.objects.filter(communities=self.community).exclude(violation_codes=[]).count() >= 5
        assert DigitalTool.objects.filter(status=ToolStatus.MERGED).count() == 1
        assert DigitalTool.objects.filter(status__in=[ToolStatus.MERGE, ToolStatus.CLOSE]).count() >= 3
        report = selectors.report(self.officer, street=self.street)
        assert report.plan_progress["done"] == 1 and report.departments
        before = DigitalTool.objects.count()
        demo.seed(StringIO())
        assert DigitalTool.objects.count() == before
