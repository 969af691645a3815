"""What an upload check says when it refuses a file (Dutch, saying what is wrong)."""

from django.utils.translation import gettext as _


def not_allowed_message() -> str:
    return _("Alleen PDF-, JPEG- en PNG-bestanden zijn toegestaan; dit bestand is dat niet.")


def junk_before_pdf_message() -> str:
    return _(
        "Het bestand begint niet met %PDF-: er staan andere gegevens vóór het PDF-document. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    )


def invalid_pdf_message() -> str:
    return _("Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig).")


def trailing_pdf_message() -> str:
    return _(
        "Na het einde van het PDF-document (%%EOF) staan nog andere gegevens. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    )


def encrypted_pdf_message() -> str:
    return _("Het PDF-bestand is beveiligd met een wachtwoord.")


def no_pages_message() -> str:
    return _("Het PDF-bestand heeft geen pagina's.")


# What an active PDF carries, in order of importance (the first found is named).
ACTIVE_CONTENT = {
    "javascript": lambda: _("JavaScript"),
    "launch": lambda: _("een opdracht die een programma of bestand start (Launch)"),
    "embedded": lambda: _("een ingesloten bestand (bijlage)"),
    "form": lambda: _("een formulieractie die gegevens verstuurt of inleest"),
    "xfa": lambda: _("een XFA-formulier"),
    "richmedia": lambda: _("ingesloten media (RichMedia)"),
    "external": lambda: _("een actie die een ander document of medium opent"),
    "auto": lambda: _("een automatische actie (bij het openen of bekijken)"),
    "uri": lambda: _("een link met een onveilig adres (alleen http, https en mailto mogen)"),
}


def active_pdf_message(category: str) -> str:
    return _(
        "Het PDF-bestand bevat %(what)s en wordt daarom om veiligheidsredenen geweigerd. "
        "Sla het document opnieuw op als gewone PDF (bijvoorbeeld met ‘Afdrukken als PDF’) "
        "en upload het opnieuw."
    ) % {"what": ACTIVE_CONTENT[category]()}


def too_complex_pdf_message() -> str:
    return _("Het PDF-bestand is te complex om te controleren.")
