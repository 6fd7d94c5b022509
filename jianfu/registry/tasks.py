"""Background jobs of the registry (run by `jianfu worker`)."""

from django.tasks import task

from jianfu.registry.models import Fact

BATCH = 1000


@task
def refresh_people_of_source(source_id: int) -> int:
    """Re-derive the current values of everyone a source reported on (after a precedence change)."""
    from jianfu.registry.services import people_refresh

    ids = list(Fact.objects.filter(source_id=source_id).values_list("person_id", flat=True).distinct())
    ids.sort()
    done = 0
    for start in range(0, len(ids), BATCH):
        done += people_refresh(person_ids=ids[start : start + BATCH])
    return done
