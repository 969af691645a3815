"""The refusals of portfolio services; each message is shown to the user as it is."""

from django.utils.translation import gettext as _


class PortfolioError(Exception):
    """A refused change to a portfolio; the message is shown to the user."""


class SignatureRefused(PortfolioError):
    """A declaration that cannot be signed as given; `problems` per form field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class StaleAnswer(PortfolioError):
    """The answer was saved elsewhere (another tab) since this version was loaded."""

    def __init__(self, current):
        super().__init__(
            _(
                "Dit antwoord is intussen elders opgeslagen (bijvoorbeeld in een ander "
                "tabblad). Herlaad de pagina om de nieuwste versie te zien; je tekst is niet "
                "opgeslagen."
            )
        )
        self.current = current


class IncompletePortfolio(PortfolioError):
    def __init__(self, missing):
        super().__init__(_("Het portfolio is nog niet compleet."))
        self.missing = missing


class AlreadySubmitted(PortfolioError):
    pass


class PrivacyNotConfirmed(PortfolioError):
    """The texts hold possible personal data of clients and the candidate has not (or not
    for these warnings) confirmed that they identify no one."""

    def __init__(self, field_findings, *, changed: bool = False):
        count = sum(len(f.findings) for f in field_findings)
        fields = ", ".join(f.field for f in field_findings)
        if changed:
            message = _(
                "De privacywaarschuwingen zijn veranderd sinds je deze pagina opende "
                "(nu %(count)d in %(fields)s). Lees ze opnieuw en bevestig opnieuw."
            )
        else:
            message = _(
                "Je portfolio bevat mogelijk herleidbare gegevens van cliënten: %(count)d "
                "waarschuwing(en) in %(fields)s. Verwijder of anonimiseer die gegevens, of "
                "bevestig dat je de waarschuwingen hebt gelezen en dat de tekst geen "
                "herleidbare gegevens van cliënten bevat."
            )
        super().__init__(message % {"count": count, "fields": fields})
        self.field_findings = field_findings
