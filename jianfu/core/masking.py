"""Masks for personal data shown by default (ID numbers, phones, names on public pages)."""


def mask_id_number(value: str | None) -> str:
    """`420102195003021234` → `4201**********1234`: the region and the last four stay."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """`13812345678` → `138****5678`."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str | None) -> str:
    """`张三丰` → `张**`; for public pages."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
