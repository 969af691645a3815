from audit.models import AuditEntry


def entries_for_portfolio(portfolio_id: int):
    """The portfolio's trail, newest first (one query; actor shown by its label)."""
    return AuditEntry.objects.filter(portfolio_id=portfolio_id).order_by("-at", "-pk")
