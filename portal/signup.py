"""Sign-up that answers a registered address as slowly as a new one.

With ACCOUNT_PREVENT_ENUMERATION allauth gives both the same page and e-mails the owner
of a registered address instead of creating an account. But a new account hashes its
password (PBKDF2, about a quarter of a second) and a registered address did not, so the
answer's time told which addresses have accounts, staff included. Here both hash it.

(A module of its own: allauth's forms import portal.forms.SignupForm, the extra fields.)
"""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class ConstantTimeSignupForm(SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as set_password() on a new account; the result is dropped.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
