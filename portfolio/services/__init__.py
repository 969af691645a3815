"""Writes to portfolios, one module per sub-domain; the public names are re-exported here
(`from portfolio.services import submit_portfolio`)."""

from portfolio.errors import (
    AlreadySubmitted,
    IncompletePortfolio,
    PortfolioError,
    PrivacyNotConfirmed,
    SignatureRefused,
    StaleAnswer,
)
from portfolio.services.answers import save_answer
from portfolio.services.declarations import sign_declaration, withdraw_signature
from portfolio.services.documents import delete_document, record_download, upload_document
from portfolio.services.portfolios import choose_routes, reopen_for_additions, start_portfolio
from portfolio.services.submission import build_snapshot_content, fingerprint, submit_portfolio

__all__ = [
    "AlreadySubmitted",
    "IncompletePortfolio",
    "PortfolioError",
    "PrivacyNotConfirmed",
    "SignatureRefused",
    "StaleAnswer",
    "build_snapshot_content",
    "choose_routes",
    "delete_document",
    "fingerprint",
    "record_download",
    "reopen_for_additions",
    "save_answer",
    "sign_declaration",
    "start_portfolio",
    "submit_portfolio",
    "upload_document",
    "withdraw_signature",
]
