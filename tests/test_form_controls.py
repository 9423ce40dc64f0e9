"""Every form control is an NL Design System component, and every select says what to choose.

- A select's empty choice is never Django's "---------": a required choice asks for what to
  choose ("(choose the kind)"), an optional one says "(none)", on every form that shares
  alv.forms.StyledFormMixin, whoever set its choices; an empty choice a form labels itself stays.
- Each select, text box, text area, checkbox, radio button and button a page draws carries its
  utrecht class, and no select offers dashes (the forms' widgets get theirs from StyledFormMixin, hand-written controls from
  their template), so none is a bare browser control: over every page of tests/urlmatrix.py
  as each role that gets it, the forms with their errors (an empty POST that answers 200), and
  the meeting day at each item of a meeting with everything in it."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from agenda.models import AgendaItem
from alv.forms import StyledFormMixin
from bench.pages import MEMBER, SECRETARIAT, main_pages
from motions.models import MotionPart
from tests import factories as f
from tests import urlmatrix
from tests.samples import ROLES, build_samples

pytestmark = pytest.mark.django_db


# --- The empty choice of a select -------------------------------------------------------------


class PlacementForm(StyledFormMixin, forms.Form):
    """A form as the project writes them: choices declared, from a model field, from a query,
    and set by the form itself once its fields are made."""

    kind = forms.ChoiceField(label="kind", choices=[("", "---------"), *MotionPart.Kind.choices])
    agenda_item = forms.ModelChoiceField(label="agenda item", queryset=AgendaItem.objects.all())
    resolution = forms.ModelChoiceField(
        label="resolution", queryset=AgendaItem.objects.all(), required=False
    )
    copy_from = forms.ModelChoiceField(
        label="copy from",
        queryset=AgendaItem.objects.all(),
        required=False,
        empty_label="Start with an empty agenda",
    )
    answer = forms.ChoiceField(label="answer")
    later = forms.ChoiceField(label="later item", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [("", "(choose your answer)"), ("yes", "yes")]
        self.fields["later"].choices = [("", "---------"), ("1", "Opening")]


class PartForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MotionPart
        fields = ["kind"]


def empty_choice(bound_field):
    return re.search(r'<option value=""[^>]*>([^<]*)</option>', str(bound_field)).group(1)


def test_a_required_select_asks_for_what_to_choose_and_an_optional_one_says_none():
    with translation.override("en"):
        form = PlacementForm()
        assert empty_choice(form["kind"]) == "(choose the kind)"
        assert empty_choice(form["agenda_item"]) == "(choose the agenda item)"
        assert empty_choice(form["resolution"]) == "(none)"


def test_choices_a_form_sets_after_its_fields_are_made_get_the_label_as_well():
    with translation.override("en"):
        assert empty_choice(PlacementForm()["later"]) == "(none)"


def test_a_select_from_a_model_fields_choices_asks_for_what_to_choose():
    with translation.override("en"):
        assert empty_choice(PartForm()["kind"]) == "(choose the kind)"


def test_an_empty_choice_the_form_labels_itself_stays():
    form = PlacementForm()
    assert empty_choice(form["copy_from"]) == "Start with an empty agenda"
    assert empty_choice(form["answer"]) == "(choose your answer)"


def test_the_empty_choice_is_said_in_dutch_to_dutch_readers():
    with translation.override("nl"):
        assert empty_choice(PartForm()["kind"]) == "(kies een soort)"
        assert empty_choice(PlacementForm()["resolution"]) == "(geen)"


def test_labelling_the_empty_choice_reads_nothing_from_the_database(django_assert_num_queries):
    with translation.override("en"), django_assert_num_queries(0):
        form = PlacementForm()
        form["agenda_item"]  # the bound field, not yet drawn
        assert form.fields["agenda_item"].empty_label == "(choose the agenda item)"


# --- Every control an NL Design System component ----------------------------------------------

# The class each kind of control needs; input types not named here are text boxes.
CLASSES = {
    "select": "utrecht-select",
    "textarea": "utrecht-textarea",
    "checkbox": "utrecht-checkbox",
    "radio": "utrecht-radio-button",
    "button": "utrecht-button",
    "submit": "utrecht-button",
    "reset": "utrecht-button",
    "image": "utrecht-button",
}
TEXT_BOX = "utrecht-textbox"


class Controls(HTMLParser):
    """The form controls of a page that lack their NL Design System class, described."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bare = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "hidden":
                return
        elif tag in ("select", "textarea", "button"):
            kind = tag
        else:
            return
        needed = CLASSES.get(kind, TEXT_BOX)
        if needed not in (attrs.get("class") or "").split():
            name = attrs.get("name") or attrs.get("id") or ""
            self.bare.append(f"<{tag}> {kind} {name!r} without {needed}")


def bare_controls(html):
    """The controls of `html` that lack their class, and each select offering dashes."""
    parser = Controls()
    parser.feed(html)
    dashes = re.findall(
        r'<select[^>]*name="([^"]*)"[^>]*>\s*<option value=""[^>]*>-+</option>', html
    )
    return parser.bare + [f"<select> {name!r} offers ---------" for name in dashes]


def page_of(response):
    """The HTML of a page; "" for any other response (a redirect, a file, an error)."""
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return ""
    return response.content.decode()


def test_the_check_finds_a_bare_control_of_each_kind():
    html = (
        '<select name="a"></select><input type="checkbox" name="b"><input type="radio" '
        'name="c"><button>d</button><input name="e"><textarea name="f"></textarea>'
        '<input type="file" name="g"><input type="hidden" name="h">'
        '<select class="utrecht-select utrecht-select--html-select" name="i"></select>'
        '<button class="utrecht-button utrecht-button--primary-action">j</button>'
        '<select class="utrecht-select" name="k"><option value="">---------</option></select>'
    )
    assert bare_controls(html) == [
        "<select> select 'a' without utrecht-select",
        "<input> checkbox 'b' without utrecht-checkbox",
        "<input> radio 'c' without utrecht-radio-button",
        "<button> button '' without utrecht-button",
        "<input> text 'e' without utrecht-textbox",
        "<textarea> textarea 'f' without utrecht-textarea",
        "<input> file 'g' without utrecht-textbox",
        "<select> 'k' offers ---------",
    ]


def test_every_control_of_every_page_is_a_component_and_no_select_offers_dashes():
    samples = build_samples()
    problems = set()
    for name in sorted(n for n in urlmatrix.project_urls() if n in urlmatrix.MATRIX):
        for case in urlmatrix.cases(name):
            url = urlmatrix.url_for(name, case, samples)
            for role in ROLES:
                for method, expected in (("GET", case.get), ("POST", case.post)):
                    if expected[role] is not urlmatrix.OK:
                        continue
                    response, _ = urlmatrix.fetch(role, method, url, samples, case.post_data)
                    problems |= {
                        f"{method} {url} as {role}: {control}"
                        for control in bare_controls(page_of(response))
                    }
    assert not problems, "Controls without their class:\n" + "\n".join(sorted(problems))


def test_every_control_of_the_meeting_day_and_the_main_pages_is_a_component_too(
    member_user, secretariat_user
):
    # A meeting with everything in it (resolutions, amendments, motions with pre-advice, a
    # follow-up item) and no poll open: each item's outcome forms, the electronic vote's too.
    meeting = f.big_meeting(motions=4, follow_ups=1)
    clients = {"public": Client(), MEMBER: Client(), SECRETARIAT: Client()}
    clients[MEMBER].force_login(member_user)
    clients[SECRETARIAT].force_login(secretariat_user)
    meeting_day = reverse("live:meeting_day", args=[meeting.pk])
    pages = [(page.reader, page.path) for page in main_pages(meeting)] + [
        (SECRETARIAT, f"{meeting_day}?item={item.pk}") for item in meeting.items.all()
    ]
    problems = []
    for reader, path in pages:
        response = clients[reader].get(path)
        assert response.status_code == 200, path
        problems += [
            f"{path} as {reader}: {control}" for control in bare_controls(page_of(response))
        ]
    html = clients[SECRETARIAT].get(pages[-1][1]).content.decode()
    assert 'name="secret"' in html  # the electronic vote's form was among the pages
    assert not problems, "Controls without their class:\n" + "\n".join(problems)
