"""Photo uploads: a real image (decoded by Pillow), an allowed format, a size cap."""

from typing import Any

from django.utils.translation import gettext as _

from jianfu.casework import conf

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 40_000_000


class PhotoError(ValueError):
    pass


def check_photo(upload: Any) -> str:
    """Validate an uploaded file; returns the file extension to store it under."""
    from PIL import Image, UnidentifiedImageError

    limit = conf.get("photo_max_bytes")
    if upload.size > limit:
        raise PhotoError(
            _("照片太大（%(size).1f MB），最大 %(limit).0f MB。请压缩后再上传。")
            % {"size": upload.size / 1048576, "limit": limit / 1048576}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            fmt = img.format
            width, height = img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError(_("上传的文件不是可识别的图片。请上传 JPG、PNG 或 WebP 照片。")) from None
    finally:
        upload.seek(0)
    if fmt not in FORMATS:
        raise PhotoError(_("不支持%(fmt)s格式，请上传 JPG、PNG 或 WebP 照片。") % {"fmt": fmt})
    if width * height > MAX_PIXELS:
        raise PhotoError(_("照片像素过大（%(w)s×%(h)s），请缩小后再上传。") % {"w": width, "h": height})
    return FORMATS[fmt]
