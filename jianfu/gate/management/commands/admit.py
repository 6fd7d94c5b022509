"""`jianfu admit`: run a task through the work-access gate (and record it unless --dry-run)."""

import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from jianfu.core.permissions import system_actor
from jianfu.gate import services
from jianfu.gate.choices import TaskKind
from jianfu.orgs.models import Community, Department


class Command(BaseCommand):
    help = "Decide whether a department's task may be pushed to communities (work access, 准入)."

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="department name or code")
        parser.add_argument("--title", required=True)
        parser.add_argument("--description", required=True)
        parser.add_argument("--kind", default=TaskKind.GENERAL, help="one of: " + ", ".join(TaskKind.values))
        parser.add_argument("--assessed", action="store_true", help="counts in an assessment")
        parser.add_argument(
            "--emergency", action="store_true", help="life, public safety, public health, disaster"
        )
        parser.add_argument("--dry-run", action="store_true", help="decide only, write nothing")
        parser.add_argument(
            "--community", action="append", default=[], help="target community code (repeatable)"
        )
        parser.add_argument("--legal-basis", default="")
        parser.add_argument("--expected-hours", default="0")
        parser.add_argument(
            "--field", action="append", default=[], help="requested registry field code (repeatable)"
        )
        parser.add_argument(
            "--population",
            default="",
            help="data requests: who is wanted, e.g. 'tag=残疾' (default: derived)",
        )
        parser.add_argument(
            "--full-field", action="append", default=[], help="requested field wanted unmasked (repeatable)"
        )
        parser.add_argument(
            "--with-resources", action="store_true", help="the department brings staff/money/training"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **opts):
        key = opts["department"].strip()
        departments = list(
            Department.objects.select_related("district").filter(Q(code=key) | Q(name=key))[:3]
        )
        if not departments:
            raise CommandError(
                f"department {key!r} not found: give the name (e.g. 区民政局) or code of a department"
            )
        if len(departments) > 1:
            raise CommandError(f"department {key!r} is ambiguous ({len(departments)} match): use its code")
        department = departments[0]
        if opts["kind"] not in TaskKind.values:
            raise CommandError(
                f"--kind {opts['kind']!r} is invalid: choose one of {', '.join(TaskKind.values)}"
            )
        try:
            title, description = services.validate_task_text(
                title=opts["title"], description=opts["description"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        try:
            expected = Decimal(opts["expected_hours"])
        except InvalidOperation as exc:
            raise CommandError(f"--expected-hours {opts['expected_hours']!r} is not a number") from exc
        reach = services.department_communities(department)
        if opts["community"]:
            communities = list(Community.objects.filter(code__in=opts["community"]))
            missing = sorted(set(opts["community"]) - {c.code for c in communities})
            if missing:
                raise CommandError(f"community code(s) not found: {', '.join(missing)}")
        else:
            communities = list(reach)
        if opts["dry_run"]:
            try:
                evaluation = services.task_evaluate(
                    department=department,
                    title=title,
                    description=description,
                    kind=opts["kind"],
                    assessed=opts["assessed"],
                    emergency=opts["emergency"],
                    has_resources=opts["with_resources"],
                    requested_fields=opts["field"],
                    population=opts["population"],
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            result = services.evaluation_json(evaluation, communities)
        else:
            try:
                task = services.task_submit(
                    actor=system_actor("jianfu admit (command line)"),
                    department=department,
                    title=title,
                    description=description,
                    communities=communities,
                    kind=opts["kind"],
                    legal_basis=opts["legal_basis"],
                    expected_hours=expected,
                    resource_training=opts["with_resources"],
                    assessed=opts["assessed"],
                    emergency=opts["emergency"],
                    requested_fields=opts["field"],
                    population=opts["population"],
                    full_fields=opts["full_field"],
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            result = services.task_result(task)
            if not opts["json"]:
                self.stdout.write(f"task #{task.pk} recorded ({task.get_status_display()})")
        if opts["json"]:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            return
        self.stdout.write(
            f"{result['decision']} · {result['list']} · "
            f"{result['item']['code'] + ' ' + result['item']['name'] if result['item'] else '—'} · "
            f"{result['score']:.2f}"
        )
        for reason in result["reasons"]:
            self.stdout.write(f"  - {reason}")
        if result.get("population_text"):
            self.stdout.write(f"  population: {result['population_text']} ({result['population_rows']} rows)")
