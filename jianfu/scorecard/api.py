"""/api/v1/scorecard/: the scorecard of a unit (district, street or community code) and year, scoped."""

from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Router

from jianfu.scorecard import selectors

router = Router(tags=["scorecard"])


@router.get("/", summary="The seven-part scorecard of a unit for a year")
def scorecard(request, unit: str = "", year: int | None = None) -> dict[str, Any]:
    found = selectors.find_unit(unit) if unit else selectors.default_unit(request.auth)
    if found is None:
        raise Http404
    card = selectors.scorecard(
        actor=request.auth, unit=found[0], level=found[1], year=year or timezone.localdate().year
    )
    return card.as_json()
