"""Script and event-handler payloads in every text field never run on any page: plain fields
are escaped, formatted fields are sanitized. Every page of the permission matrix is checked,
as every role, so a new page and a new field are covered without changing this test."""

import re

import pytest
from django.apps import apps
from django.db import models

from tests import urlmatrix
from tests.samples import ROLES, build_samples

pytestmark = pytest.mark.django_db

LONG_PAYLOAD = (
    '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)" onclick="alert(3)">link</a>"\'><svg/onload=alert(4)>'
)
SHORT_PAYLOAD = "<img src=x onerror=alert(1)>"
APPS = ("alv", "members", "agenda", "motions")
# Not free text: a password hash, a username (its validator allows only letters, digits and
# @.+-_), the CBS code (six characters).
NOT_TEXT = {"password", "username", "code"}

PROJECT_URLS = sorted(name for name in urlmatrix.project_urls() if name in urlmatrix.MATRIX)


def fill_every_text_field():
    """Put a payload in every free-text field of every row (numbered, for unique fields);
    returns the fields filled."""
    filled = set()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [
                field
                for field in model._meta.local_concrete_fields
                if isinstance(field, (models.CharField, models.TextField))
                and not field.choices
                and field.name not in NOT_TEXT
            ]
            for pk in model.objects.values_list("pk", flat=True):
                values = {}
                for field in fields:
                    limit = field.max_length or 10_000
                    for payload in (LONG_PAYLOAD, SHORT_PAYLOAD):
                        value = f"{payload}{pk}"
                        if len(value) <= limit:
                            values[field.name] = value
                            break
                model.objects.filter(pk=pk).update(**values)
                filled |= {f"{model._meta.label}.{name}" for name in values}
    return filled


SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:""", re.I)


# Escaped text inside a quoted attribute value (an edit form showing a title in its field)
# cannot start an event handler; only what stands outside the quotes can.
QUOTED_VALUE = re.compile(r'="[^"]*"')


def injected(html):
    found = [p.pattern for p in (SCRIPT, JS_URL) if p.search(html)]
    if HANDLER.search(QUOTED_VALUE.sub('=""', html)):
        found.append(HANDLER.pattern)
    return found


@pytest.fixture
def samples(db):
    samples = build_samples()
    fill_every_text_field()
    return samples


def test_the_payload_reaches_the_fields_the_pages_show(samples):
    filled = fill_every_text_field()
    for field in (
        "agenda.Meeting.title",
        "agenda.Meeting.description",
        "agenda.AgendaItem.text",
        "agenda.ResolutionVersion.explanation",
        "agenda.Clause.text",
        "motions.Proposal.title",
        "motions.PreAdvice.rationale",
        "motions.FollowUp.report",
        "members.Member.name",
        "motions.ProposalSubmitter.name",
        "motions.Proposal.submitters_note",
    ):
        assert field in filled


@pytest.mark.parametrize("name", PROJECT_URLS)
def test_no_page_runs_a_script_from_a_text_field(name, samples):
    problems = []
    for case in urlmatrix.cases(name):
        url = urlmatrix.url_for(name, case, samples)
        for role in ROLES:
            for method in ("GET", "HTMX"):
                response, _ = urlmatrix.fetch(role, method, url, samples)
                if "html" not in response.headers.get("Content-Type", "html"):
                    continue  # a Word or PDF file shows markup as text: no browser runs it
                found = injected(urlmatrix.response_text(response))
                if found:
                    problems.append(f"{method} {url} as {role}: {found}")
    assert problems == []


def test_the_payload_is_shown_as_text_on_the_meeting_page(client, samples):
    client.force_login(samples.user("secretariat"))
    html = client.get(f"/meetings/{samples.public.meeting.pk}/").content.decode()
    # A plain field (the title) is escaped; a formatted one (the description) is sanitized.
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    description = f'<p><a rel="noopener noreferrer">link</a>"\'&gt;{samples.public.meeting.pk}</p>'
    assert description in html


def test_the_check_would_see_an_unescaped_payload():
    assert injected(LONG_PAYLOAD) and injected(SHORT_PAYLOAD)
    assert not injected('<script src="/static/htmx.js" defer></script><p>on=1</p>')


def test_the_check_reads_a_form_field_holding_the_payload_as_text():
    escaped = '<input name="title" value="&lt;img src=x onerror=alert(1)&gt;1">'
    assert injected(escaped) == []
    assert injected('<input name="title" value="" onerror="alert(1)">')
