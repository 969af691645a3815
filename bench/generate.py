"""Fill PostgreSQL with a realistic register for the load run, reproducibly from a seed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_load \\
        .venv/bin/python bench/generate.py --portfolios 10000 --assessors 50 --seed 1

The database must be migrated with the framework loaded (`bench/run.py` does both on a
fresh database). How it works, in two steps:

1. Templates through the real services: one portfolio per kind (partly filled draft,
   complete draft, submitted, and reviews assigned, in assessment, assessed, agreed,
   interview planned, additions requested, decided, and decided in a second round after
   additions), so every row obeys the workflow's rules, with its events, audit rows,
   snapshots, interview and PDF report.
2. Clones by COPY: each of the remaining portfolios copies one template's rows (chosen by
   a weighted draw) with a new candidate, two of the assessors, all timestamps shifted
   into the past year, fresh texts (about `--words` words per complete portfolio, from a
   Dutch vocabulary) in the answers and in the sealed snapshot (fingerprint recomputed),
   and its own copies of the uploaded files.

The weights give about two assessments per portfolio (20,000 for 10,000 portfolios).
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from assessment.models import (
    AgreedScore,
    Assessment,
    Assignment,
    Interview,
    Report,
    Review,
    Score,
)
from audit.models import AuditEntry
from portal.enums import Role
from portal.models import User
from portfolio import entries
from portfolio.models import Answer, Document, Portfolio, Signature, Snapshot
from profiles.selectors import current_published_version
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review, second_round

BENCH_PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 - a throw-away benchmark database
DOMAIN = "bench.registerjobcoach.nl"

# kind → weight. Zero assessments: drafts, submitted, assigned (14 %); one: in assessment
# (6 %); two: assessed … decided (63 %); four: decided in round 2 (17 %) → ≈ 2.0 each.
WEIGHTS = {
    "draft_partial": 4,
    "draft_complete": 2,
    "submitted": 4,
    "assigned": 4,
    "in_assessment": 6,
    "assessed": 8,
    "agreed": 5,
    "interview_planned": 8,
    "additions_requested": 6,
    "decided": 36,
    "decided_round2": 17,
}

FIRST_NAMES = (
    "Anna Bram Chantal Daan Esra Fleur Gijs Hanna Ilse Jesse Kim Lars Mila Noah Olga Pim "
    "Quinten Roos Sven Tessa Umut Vera Wout Yara Zeynep Bas Lotte Ahmed Iris Fenna Joris "
    "Nadia Ruben Sara Thijs Eline Mohamed Noor Stijn Julia"
).split()
LAST_NAMES = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|"
    "Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|"
    "de Graaf|van der Meer|Yilmaz|El Amrani|Kaya|Schouten|Willems|Hoekstra|Koster|Prins"
).split("|")
VOCABULARY = (
    "de het een en van in op met voor naar bij door over als dat die wat hoe waarom wanneer "
    "cliënt werkgever collega jobcoach begeleiding traject werkplek afspraak gesprek doel "
    "plan evaluatie ondersteuning zelfstandigheid regie structuur taak taken vaardigheden "
    "ontwikkeling reflectie methodiek aanpak situatie context netwerk gemeente uwv "
    "re-integratie arbeidsbeperking participatie werkplan voortgang signaal stress energie "
    "vertrouwen samenwerking communicatie feedback leerdoel competentie handelen keuze "
    "overleg rapportage observatie voorbeeld resultaat effect oorzaak aanleiding dossier "
    "ik wij hij zij mijn onze zijn haar hun heb heeft hebben had was werd wordt worden kan "
    "kon moet wil zou zullen ga gaat gingen zag zie merkte vond besprak vroeg legde koos "
    "bewust zorgvuldig stapsgewijs concreet duidelijk samen eerst daarna achteraf opnieuw "
    "steeds vaker minder meer goed beter lastig belangrijk passend haalbaar duurzaam "
    "betaald werk baan week maand uur dag ochtend middag planning rooster pauze instructie "
    "werkzaamheden productie magazijn kantoor zorg horeca schoonmaak groenvoorziening "
    "leidinggevende teamleider mentor buddy familie ouders woonbegeleider behandelaar "
    "afstemming verwachting grenzen signalen spanning rust tempo herhaling visueel schema"
).split()


class Texts:
    """Dutch-looking texts of a given length, reproducible from the seed.

    A pool of sentences is drawn once; a text is a draw of sentences from it, in
    paragraphs (fast enough for 60 million words, and every text is different).
    """

    def __init__(self, rng: random.Random, pool: int = 20_000):
        self.rng = rng
        self.sentences = []
        for _ in range(pool):
            sentence = rng.choices(VOCABULARY, k=rng.randint(8, 22))
            sentence[0] = sentence[0].capitalize()
            self.sentences.append((" ".join(sentence) + ".", len(sentence)))

    def words(self, count: int) -> str:
        chosen = self.rng.choices(self.sentences, k=max(count // 15, 1))
        paragraphs = [
            " ".join(text for text, _n in chosen[i : i + 6]) for i in range(0, len(chosen), 6)
        ]
        return "\n\n".join(paragraphs)


# --- step 1: templates through the services ----------------------------------------------


def _make_user(email: str, first: str, last: str, role: str, password_hash: str) -> User:
    user = User.objects.create(
        email=email, first_name=first, last_name=last, role=role, is_staff=role == Role.OFFICE
    )
    user.password = password_hash
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


# kind → the portfolio state of a template without a review
PORTFOLIO_KINDS = {
    "draft_partial": "partial",
    "draft_complete": "complete",
    "submitted": "submitted",
}


def build_template(kind: str, candidate, first, second, office, version) -> Portfolio:
    """One portfolio of `kind`, made through the services like real use (the tests'
    builders: tests/factories)."""
    if kind in PORTFOLIO_KINDS:
        return make_portfolio(candidate=candidate, version=version, state=PORTFOLIO_KINDS[kind])
    portfolio = make_portfolio(candidate=candidate, version=version, state="submitted")
    state = "additions_requested" if kind == "decided_round2" else kind
    world = make_review(
        portfolio=portfolio, assessor=first, second_assessor=second, office=office, state=state
    )
    if kind == "decided_round2":
        # The candidate adds to C2 and resubmits; the same assessors decide round 2.
        second_round(world, state="decided")
    return world.review.portfolio


# --- step 2: clones by COPY ---------------------------------------------------------------

CLONED = [
    Portfolio,
    Answer,
    Document,
    Signature,
    Snapshot,
    Review,
    Assignment,
    Assessment,
    Score,
    AgreedScore,
    Interview,
    Report,
    AuditEntry,
]


def template_rows(portfolio_id: int) -> dict:
    """Every row of a template's object graph, as {model: [field values dict]}."""
    lookups = {
        Portfolio: {"pk": portfolio_id},
        Answer: {"portfolio_id": portfolio_id},
        Document: {"portfolio_id": portfolio_id},
        Signature: {"portfolio_id": portfolio_id},
        Snapshot: {"portfolio_id": portfolio_id},
        Review: {"portfolio_id": portfolio_id},
        Assignment: {"review__portfolio_id": portfolio_id},
        Assessment: {"assignment__review__portfolio_id": portfolio_id},
        Score: {"assessment__assignment__review__portfolio_id": portfolio_id},
        AgreedScore: {"review__portfolio_id": portfolio_id},
        Interview: {"review__portfolio_id": portfolio_id},
        Report: {"review__portfolio_id": portfolio_id},
        AuditEntry: {"portfolio_id": portfolio_id},
    }
    rows = {}
    for model, lookup in lookups.items():
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model] = list(model.objects.filter(**lookup).order_by("pk").values(*fields))
    return rows


class IdAllocator:
    def __init__(self, models_):
        self.next = {}
        for model in models_:
            self.next[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


class Writer:
    """Rows per model, written with COPY in dependency order, then cleared."""

    def __init__(self):
        self.rows: dict = {}

    def add(self, model, row: dict) -> None:
        self.rows.setdefault(model, []).append(row)

    def flush(self, order) -> None:
        raw = connection.connection
        with raw.cursor() as cursor:
            for model in order:
                rows = self.rows.get(model)
                if not rows:
                    continue
                fields = model._meta.concrete_fields
                columns = ", ".join(f'"{f.column}"' for f in fields)
                json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
                names = [f.attname for f in fields]
                with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                    buffer = []
                    for row in rows:
                        buffer.append(
                            "\t".join(_copy_value(row[n], n in json_fields) for n in names)
                        )
                    copy.write("\n".join(buffer) + "\n")
        self.rows = {}


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value, is_json: bool) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if is_json:
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, datetime):
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def answer_codes(version) -> dict:
    """{(kind, target id): snapshot code} for rewriting the texts of a sealed snapshot."""
    return {
        (entry.kind.name, entry.item.pk): entry.code
        for _section, section_entries in entries.walk(version)
        for entry in section_entries
        if entry.kind.name in entries.ANSWER_TARGETS
    }


def _answer_key(row) -> tuple:
    if row["question_id"]:
        return ("question", row["question_id"])
    if row["criterion_id"]:
        return ("criterion", row["criterion_id"])
    return ("product_question", row["product_question_id"])


def _new_file_name(rng, prefix: str, owner_id: int, suffix: str = "") -> str:
    return f"{prefix}/{owner_id}/{rng.getrandbits(128):032x}{suffix}"


def clone(template: dict, ctx: dict, rng: random.Random, writer: Writer) -> int:
    """Copy one template's rows for a new candidate and two assessors."""
    from portfolio.services import fingerprint  # noqa: PLC0415

    ids, users = ctx["ids"], ctx["users"]
    shift = timedelta(days=rng.uniform(0, 330), seconds=rng.randint(0, 86400))
    maps: dict = {model: {} for model in CLONED}
    for model in CLONED:
        for row in template["rows"][model]:
            maps[model][row["id"]] = ids.take(model)
    fk_map = {
        "portfolio_id": maps[Portfolio],
        "review_id": maps[Review],
        "assignment_id": maps[Assignment],
        "assessment_id": maps[Assessment],
    }
    user_fields = {"candidate_id", "assessor_id", "actor_id", "decided_by_id"}
    user_fields |= {"uploaded_by_id", "signed_by_id", "subject_user_id"}
    texts = {}
    for model in CLONED:
        for old in template["rows"][model]:
            row = dict(old)
            row["id"] = maps[model][old["id"]]
            for name, value in old.items():
                if value is None:
                    continue
                if name in fk_map and model is not Portfolio:
                    row[name] = fk_map[name].get(value, value)
                elif name in user_fields:
                    row[name] = users.get(value, value)
                elif isinstance(value, datetime):
                    row[name] = value - shift
            if model is Answer and old["text"].strip():
                text = ctx["texts"].words(template["words_per_answer"])
                row["text"] = text
                texts[ctx["codes"].get(_answer_key(old))] = text
            elif model is Document:
                row["file"] = _new_file_name(rng, "portfolios", row["portfolio_id"])
                ctx["files"].append((row["file"], old["file"]))
            elif model is Report:
                row["file"] = _new_file_name(rng, "reports", row["review_id"], ".pdf")
                ctx["files"].append((row["file"], old["file"]))
            elif model is AuditEntry:
                row["actor_label"] = ctx["labels"].get(row["actor_id"], old["actor_label"])
                target = ctx["audit_targets"].get(old["object_type"])
                if target is not None and old["object_id"].isdigit():
                    row["object_id"] = str(
                        maps[target].get(int(old["object_id"]), old["object_id"])
                    )
            elif model is Portfolio:
                row["candidate_id"] = ctx["candidate"]["id"]
            writer.add(model, row)
    # Snapshots: the new texts, the new candidate and portfolio, a fresh fingerprint.
    snapshots = writer.rows.get(Snapshot, [])
    for row in snapshots[len(snapshots) - len(template["rows"][Snapshot]) :]:
        content = json.loads(json.dumps(row["content"]))
        content["portfolio"] = row["portfolio_id"]
        content["candidate"] = {
            "name": f"{ctx['candidate']['first_name']} {ctx['candidate']['last_name']}",
            "email": ctx["candidate"]["email"],
        }
        for section in content["sections"]:
            for entry in section["entries"]:
                if entry["kind"] == "answer" and entry.get("text") and entry["code"] in texts:
                    entry["text"] = texts[entry["code"]]
        row["content"] = content
        row["sha256"] = fingerprint(content)
    return maps[Portfolio][template["portfolio_id"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portfolios", type=int, default=10_000)
    parser.add_argument("--assessors", type=int, default=50)
    parser.add_argument("--words", type=int, default=6_000, help="words per complete portfolio")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=250)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/generate.py needs PostgreSQL (set DATABASE_URL).")
    if User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        sys.exit("This database already holds benchmark data; start from a fresh one.")
    rng = random.Random(args.seed)
    # The services e-mail at every step; the benchmark data needs no mail.
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    started = time.perf_counter()
    version = current_published_version()
    password_hash = make_password(BENCH_PASSWORD, salt="benchsalt")
    office = _make_user(f"bureau@{DOMAIN}", "Marieke", "Visser", Role.OFFICE, password_hash)
    assessors = [
        _make_user(
            f"assessor{n}@{DOMAIN}",
            rng.choice(FIRST_NAMES),
            rng.choice(LAST_NAMES),
            Role.ASSESSOR,
            password_hash,
        )
        for n in range(1, args.assessors + 1)
    ]
    # Step 1: the templates (mails go to the console backend's void during the build).
    templates = {}
    for n, kind in enumerate(WEIGHTS, start=1):
        candidate = _make_user(
            f"kandidaat{n}@{DOMAIN}",
            rng.choice(FIRST_NAMES),
            rng.choice(LAST_NAMES),
            Role.CANDIDATE,
            password_hash,
        )
        with transaction.atomic():
            portfolio = build_template(kind, candidate, assessors[0], assessors[1], office, version)
        templates[kind] = {"portfolio_id": portfolio.pk, "candidate_id": candidate.pk}
    print(f"templates: {len(templates)} in {time.perf_counter() - started:.0f} s")
    full_answers = sum(
        1
        for row in template_rows(templates["draft_complete"]["portfolio_id"])[Answer]
        if row["text"].strip()
    )
    per_answer = max(args.words // max(full_answers, 1), 1)
    for template in templates.values():
        template["rows"] = template_rows(template["portfolio_id"])
        template["words_per_answer"] = per_answer
    from profiles.serialization import framework_version_queryset  # noqa: PLC0415

    codes = answer_codes(framework_version_queryset().get(pk=version.pk))
    file_bytes = {}
    for template in templates.values():
        for model in (Document, Report):
            for row in template["rows"][model]:
                with default_storage.open(row["file"], "rb") as handle:
                    file_bytes[row["file"]] = handle.read()
    ids = IdAllocator([*CLONED, User, EmailAddress])
    texts = Texts(rng)
    writer = Writer()
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in kinds]
    labels = {office.pk: office.email, **{a.pk: a.email for a in assessors}}
    audit_targets = {m._meta.label_lower: m for m in CLONED}
    remaining = args.portfolios - len(templates)
    done = 0
    first_clones: dict = {}
    order = [User, EmailAddress, *CLONED]
    while done < remaining:
        files: list = []
        for _ in range(min(args.batch, remaining - done)):
            kind = rng.choices(kinds, weights)[0]
            template = templates[kind]
            number = len(templates) + done + 1
            candidate = {  # fields added to User later keep their defaults
                **{f.attname: f.get_default() for f in User._meta.concrete_fields},
                "id": ids.take(User),
                "password": password_hash,
                "last_login": None,
                "is_superuser": False,
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": rng.choice(LAST_NAMES),
                "is_staff": False,
                "is_active": True,
                "date_joined": timezone.now() - timedelta(days=365),
                "email": f"kandidaat{number}@{DOMAIN}",
                "role": Role.CANDIDATE,
            }
            writer.add(User, candidate)
            writer.add(
                EmailAddress,
                {
                    "id": ids.take(EmailAddress),
                    "user_id": candidate["id"],
                    "email": candidate["email"],
                    "verified": True,
                    "primary": True,
                },
            )
            first, second = rng.sample(assessors, 2)
            users = {
                template["candidate_id"]: candidate["id"],
                assessors[0].pk: first.pk,
                assessors[1].pk: second.pk,
            }
            ctx = {
                "ids": ids,
                "users": users,
                "candidate": candidate,
                "codes": codes,
                "files": files,
                "labels": {**labels, candidate["id"]: candidate["email"]},
                "audit_targets": audit_targets,
                "texts": texts,
            }
            first_clones.setdefault(kind, clone(template, ctx, rng, writer))
            done += 1
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO off")
            writer.flush(order)
        root = Path(default_storage.location) if hasattr(default_storage, "location") else None
        for new, old in files:
            if root is not None:
                target = root / new
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file_bytes[old])
            else:
                from django.core.files.base import ContentFile  # noqa: PLC0415

                default_storage.save(new, ContentFile(file_bytes[old]))
        print(
            f"  {len(templates) + done} portfolios ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    with connection.cursor() as cursor:
        for model in [*CLONED, User, EmailAddress]:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    counts = {
        "candidates": User.objects.filter(role=Role.CANDIDATE).count(),
        "assessors": User.objects.filter(role=Role.ASSESSOR).count(),
        "portfolios": Portfolio.objects.count(),
        "assessments": Assessment.objects.count(),
        "scores": Score.objects.count(),
        "answers": Answer.objects.count(),
        "documents": Document.objects.count(),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        counts["database size"] = cursor.fetchone()[0]
    print(
        f"generated in {time.perf_counter() - started:.0f} s (seed {args.seed}): "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    summary = {
        "seed": args.seed,
        "seconds": round(time.perf_counter() - started),
        "counts": counts,
        "templates": {k: v["portfolio_id"] for k, v in templates.items()},
        "clones": first_clones,
    }
    Path(os.environ.get("BENCH_OUT", "var/bench")).mkdir(parents=True, exist_ok=True)
    Path(os.environ.get("BENCH_OUT", "var/bench"), "generate.json").write_text(
        json.dumps(summary, indent=2)
    )


if __name__ == "__main__":
    main()
