import json

from django.core.management.base import BaseCommand

from jianfu.registry.bulk import build_registry


class Command(BaseCommand):
    help = (
        "Bulk-load N generated residents (valid ID numbers, households, special populations) into the "
        "configured database, loading examples/org.yaml first when there is no organisation. "
        "For benchmarks: `jianfu seed-registry --people 1000000`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=30000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--detail", choices=["lean", "full"], default="lean")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        def progress(r):
            if not opts["json"]:
                self.stderr.write(f"  {r.people:,} people, {r.facts:,} facts, {r.seconds:.0f} s")

        result = build_registry(opts["people"], seed=opts["seed"], detail=opts["detail"], progress=progress)
        summary = {
            "people": result.people,
            "facts": result.facts,
            "tags": result.tags,
            "households": result.households,
            "places": result.places,
            "seconds": round(result.seconds, 1),
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False) if opts["json"] else str(summary))
