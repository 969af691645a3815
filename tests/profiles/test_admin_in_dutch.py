"""The office's admin (/beheer/) in Dutch throughout, addressing the reader with "je":
a walk over the office's admin pages (every app index, list, add, change, history and
delete page, the delete action's confirmation, a saved message) and the user admin finds
no English that Django leaves untranslated (or that a field without a Dutch name shows)
and no "u" or "uw"."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal.enums import Role
from profiles.models import Framework, Profile
from tests.factories.users import UserFactory, client_for
from tests.profiles.admin_forms import framework_form

# Words that show English in the admin's own texts (labels, column headers, headings,
# buttons, help texts, image texts). Words Dutch shares ("filter", "link", "status",
# "document", "model") are not listed.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "or",
        "by",
        "to",
        "you",
        "your",
        "add",
        "change",
        "delete",
        "view",
        "save",
        "search",
        "home",
        "history",
        "show",
        "all",
        "select",
        "action",
        "actions",
        "yes",
        "no",
        "objects",
        "object",
        "related",
        "permission",
        "permissions",
        "created",
        "updated",
        "date",
        "case",
        "option",
        "version",
        "framework",
        "user",
        "users",
        "password",
        "email",
        "active",
        "staff",
        "name",
        "title",
        "description",
        "first",
        "last",
        "login",
        "joined",
        "group",
        "groups",
        "page",
        "results",
        "total",
    ]
)
FORMAL = re.compile(r"\b(u|U|uw|Uw)\b")
CHROME = {"label", "h1", "h2", "h3", "caption", "legend", "button", "summary", "thead"}
HELP = {"help", "helptext", "help-text"}


class AdminText(HTMLParser):
    """All visible text of a page, and apart from it the admin's own texts ("chrome")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.chrome: list[str] = []
        self._open: list[bool] = []  # per open element: chrome or not
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "textarea", "template"}:
            self._hidden += 1
        classes = set((attrs.get("class") or "").split())
        if tag not in {"input", "img", "br", "hr", "meta", "link"}:
            self._open.append(tag in CHROME or bool(classes & HELP))
        for name in ("alt", "title"):
            if attrs.get(name):
                self.chrome.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.chrome.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "textarea", "template"}:
            self._hidden -= 1
        if tag not in {"input", "img", "br", "hr", "meta", "link"} and self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._hidden or not data.strip():
            return
        self.text.append(data.strip())
        if any(self._open):
            self.chrome.append(data.strip())


def _problems(url: str, html: str) -> list[str]:
    page = AdminText()
    page.feed(html)
    found = [
        f"{url}: English {text!r}"
        for text in page.chrome
        if ENGLISH & set(re.findall(r"[a-z]+", text.lower()))
    ]
    found += [f"{url}: 'u' in {text!r}" for text in page.text if FORMAL.search(text)]
    return found


def _pattern(url: str) -> str:
    return re.sub(r"/\d+/", "/N/", url)


def _walk(client, start: str, limit: int) -> dict[str, str]:
    """The admin pages reachable from `start`: one object of each kind (pages by pattern)."""
    pages, todo, patterns = {}, [start], {start}
    while todo and len(pages) < limit:
        url = todo.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[url] = html
        for href in re.findall(r'href="(/beheer/[^"#?]*)"', html):
            if "logout" in href or "jsi18n" in href or _pattern(href) in patterns:
                continue
            patterns.add(_pattern(href))
            todo.append(href)
    return pages


@pytest.mark.django_db
def test_the_office_admin_is_dutch_and_says_je(office_client, seeded_version):
    pages = _walk(office_client, "/beheer/", limit=150)
    assert len(pages) > 50  # every app, list, add, change, history and delete page
    kinds = {_pattern(u).rstrip("/").rsplit("/", 1)[-1] for u in pages}
    assert {"add", "change", "history", "delete"} <= kinds
    # The delete action's confirmation, and a saved object's message.
    profile = Profile.objects.order_by("pk").first()
    pages["delete_selected"] = office_client.post(
        reverse("admin:profiles_profile_changelist"),
        {"action": "delete_selected", "_selected_action": [profile.pk]},
    ).content.decode()
    framework = Framework.objects.get()
    url = reverse("admin:profiles_framework_change", args=[framework.pk])
    saved = office_client.post(url, {**framework_form(framework), "_continue": "1"}, follow=True)
    pages["saved"] = saved.content.decode()
    assert "Het toetsingskader" in pages["saved"]
    assert "Je kunt het hieronder nogmaals bewerken." in pages["saved"]
    assert (
        "Weet je zeker dat je de gekozen competentieprofiel wilt verwijderen?"
        in (pages["delete_selected"])
    )
    problems = [p for url, html in pages.items() for p in _problems(url, html)]
    assert not problems, "\n".join(sorted(set(problems))[:40])


@pytest.mark.django_db
def test_the_user_admin_is_dutch_and_says_je(seeded_version):
    admin = UserFactory(role=Role.OFFICE, is_staff=True, is_superuser=True)
    client = client_for(admin)
    user = UserFactory(first_name="Noor", last_name="Vermeulen")
    pages = {
        url: client.get(url).content.decode()
        for url in (
            reverse("admin:portal_user_changelist"),
            reverse("admin:portal_user_add"),
            reverse("admin:portal_user_change", args=[user.pk]),
            reverse("admin:auth_user_password_change", args=[user.pk]),
            reverse("admin:portal_user_delete", args=[user.pk]),
            reverse("admin:index"),
        )
    }
    assert "Zet dit uit in plaats van de gebruiker te verwijderen" in "".join(pages.values())
    problems = [p for url, html in pages.items() for p in _problems(url, html)]
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_walk_finds_what_it_should():
    """The checks themselves: Django's untranslated defaults and "u" are found."""
    english = '<table><thead><tr><th scope="col">Add link</th></tr></thead></table>'
    assert _problems("x", english) == ["x: English 'Add link'"]
    assert _problems("x", '<img src="s.svg" alt="Search">') == ["x: English 'Search'"]
    assert _problems("x", "<label>Created by:</label>") == ["x: English 'Created by:'"]
    formal = "<p>Weet u zeker dat u dit wilt verwijderen?</p>"
    assert _problems("x", formal) == ["x: 'u' in 'Weet u zeker dat u dit wilt verwijderen?'"]
    # Content in a cell or a text box is not the admin's own text.
    assert _problems("x", "<td>Coaching on the job</td><textarea>u</textarea>") == []
