from django import template

from binome.members import taxonomy

register = template.Library()


@register.filter(name="taxonomy")
def taxonomy_label(code: str, kind: str) -> str:
    """The label of a taxonomy code in the current language."""
    return taxonomy.label(kind, code) if code else ""
