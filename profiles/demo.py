"""Demo data of the framework app (seed_demo): one recertification framework, built
through the same forms and services the office uses in the admin."""

from portal.models import User
from profiles import recertification_demo


def seed_demo() -> list[str]:
    office = User.objects.filter(email="bureau@demo.registerjobcoach.nl").first()
    if office is None:
        return ["profiles: bureau-account ontbreekt, hercertificering overgeslagen"]
    version = recertification_demo.build(actor=office)
    months = version.recertification_window_months
    line = f"hercertificering: {version} (één assessor, geen toetsgesprek, {months} mnd)"
    return [line]
