from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    REVEAL = "reveal", _("查看明文")
    EXPORT = "export", _("导出")
    IMPORT = "import", _("导入")
    FILL = "fill", _("填表")
    REVIEW = "review", _("审核")
    DECIDE = "decide", _("决定")
    ISSUE = "issue", _("出具")
    REVOKE = "revoke", _("撤销")
    VERIFY = "verify", _("核验")
    LOAD = "load", _("加载")
    SIGNIN_FAILED = "signin_failed", _("登录失败")
    UNLOCK = "unlock", _("解除锁定")
