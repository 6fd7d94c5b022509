"""Duplicate suggestions: the same place (flat, else building/estate, else community and category)
within 7 days, with similar text (jieba words, rapidfuzz token-set ratio). Blocking on place and
date keeps it to a handful of comparisons per request."""

import datetime as dt

import jieba
from rapidfuzz import fuzz

from jianfu.casework import conf
from jianfu.casework.models import ServiceRequest
from jianfu.core.text import fold


def _words(text: str) -> str:
    return " ".join(w for w in jieba.lcut(fold(text)) if (w.strip() and len(w) > 1) or w.isdigit())


def similarity(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(_words(a), _words(b)))


def suggestions(sr: ServiceRequest, *, limit: int = 5) -> list[tuple[ServiceRequest, float]]:
    days = conf.get("duplicate_days")
    window = (sr.created_at - dt.timedelta(days=days), sr.created_at + dt.timedelta(days=days))
    qs = ServiceRequest.objects.filter(district_id=sr.district_id, created_at__range=window).exclude(pk=sr.pk)
    qs = qs.exclude(status="merged")
    place = sr.place
    if place is not None:
        qs = qs.filter(
            place__community_id=place.community_id, place__estate=place.estate, place__building=place.building
        )
    elif sr.community_id:
        qs = qs.filter(community_id=sr.community_id, category_id=sr.category_id)
    else:
        qs = qs.filter(community__isnull=True, category_id=sr.category_id)
    threshold = conf.get("duplicate_threshold")
    scored: list[tuple[ServiceRequest, float]] = []
    for other in qs.select_related("category").order_by("created_at")[:200]:
        score = similarity(sr.text, other.text)
        if other.category_id == sr.category_id:
            score = min(100.0, score + 10)
        if score >= threshold:
            scored.append((other, round(score, 1)))
    scored.sort(key=lambda x: -x[1])
    return scored[:limit]
