from django import template

from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.registry.selectors import age_on

register = template.Library()


@register.filter
def masked_id(value):
    return mask_id_number(value)


@register.filter
def masked_phone(value):
    return mask_phone(value)


@register.filter
def age(birth):
    result = age_on(birth)
    return "" if result is None else result


@register.filter
def masked_value(row):
    """An attribute row's value, masked when the dictionary says so (ID numbers, phones)."""
    if row.attribute.sensitivity == "masked":
        if row.attribute.code == "id_number":
            return mask_id_number(row.value)
        return mask_phone(row.value)
    return row.value
