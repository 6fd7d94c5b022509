from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    MAY_ISSUE = "may_issue", _("可以出具")
    MUST_NOT_ISSUE = "must_not_issue", _("不应出具")
    NEEDS_REVIEW = "needs_review", _("清单外，需按规则研判")


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", _("有效")
    REVOKED = "revoked", _("已撤销")


class VerificationResult(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已撤销")
    UNKNOWN = "unknown", _("查无此证明")
    INVALID = "invalid", _("无效的核验码")
    RATE_LIMITED = "rate_limited", _("请求过于频繁")
