"""The admin's message list in proper Dutch for every app (profiles.admin_dutch): the
messages Django's admin writes say "De onderdeel … is met succes gewijzigd. U kunt …"."""

from django import template

from profiles.admin_dutch import dutch_admin_text

register = template.Library()


@register.filter
def dutch_admin_message(message):
    """A message of the message list (its text keeps being safe HTML when it was)."""
    return dutch_admin_text(getattr(message, "message", message))
