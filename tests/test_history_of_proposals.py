"""Every change to a motion or an amendment is in its history, whichever model class saved it
(issue 23): the history is kept per subtype (motions.models.Motion, Amendment), and a save
through a plain motions.models.Proposal is recorded there too."""

import pytest
from django.test import Client
from django.urls import reverse

from motions.models import Amendment, Motion, Proposal
from tests import factories as f
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def history_of(model, proposal):
    return model.history.filter(proposal_ptr_id=proposal.pk).order_by("history_date", "history_id")


def test_a_change_saved_through_a_plain_proposal_is_in_the_motions_history():
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Oud")
    before = history_of(Motion, motion).count()
    plain = Proposal.objects.get(pk=motion.pk)
    assert type(plain) is Proposal
    plain.title = "Nieuw"
    plain.save()
    records = list(history_of(Motion, motion))
    assert len(records) == before + 1
    assert (records[-1].history_type, records[-1].title) == ("~", "Nieuw")
    assert records[-1].request_intro == "verzoekt het bestuur"  # the motion's own fields too


def test_a_change_of_some_fields_through_a_plain_proposal_is_in_the_amendments_history():
    item = f.item(f.meeting(), "Zorg")
    amendment = f.amendment(item, f.resolution(item), new_text="Nieuwe tekst.")
    plain = Proposal.objects.get(pk=amendment.pk)
    plain.is_late = True
    plain.save(update_fields=["is_late"])
    last = history_of(Amendment, amendment).last()
    assert (last.history_type, last.is_late, last.new_text) == ("~", True, "Nieuwe tekst.")
    assert last.revision == plain.revision


def test_a_checked_save_through_a_plain_proposal_is_in_the_history():
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Oud")
    plain = Proposal.objects.get(pk=motion.pk)
    plain.title = "Nieuw"
    plain.save_if_current(plain.revision, update_fields=["title"])
    assert history_of(Motion, motion).last().title == "Nieuw"


def test_the_history_names_who_saved_it_through_a_plain_proposal():
    user = make_user("sec", "secretariat")
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Oud")
    plain = Proposal.objects.get(pk=motion.pk)
    plain.title = "Nieuw"
    plain._history_user = user  # what django-simple-history reads before the request's user
    plain.save()
    assert history_of(Motion, motion).last().history_user == user


def test_a_save_as_the_subtype_is_recorded_once():
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Oud")
    before = history_of(Motion, motion).count()
    motion.title = "Nieuw"
    motion.save()
    assert history_of(Motion, motion).count() == before + 1
    assert not Amendment.history.filter(proposal_ptr_id=motion.pk).exists()


def test_deleting_through_a_plain_proposal_is_in_the_history():
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Weg")
    Proposal.objects.get(pk=motion.pk).delete()
    last = history_of(Motion, motion).last()
    assert (last.history_type, last.title) == ("-", "Weg")


def test_the_workspace_shows_a_change_saved_through_a_plain_proposal():
    motion = f.motion(f.item(f.meeting(), "Asiel"), "Oude titel")
    plain = Proposal.objects.get(pk=motion.pk)
    plain.title = "Nieuwe titel"
    plain.save(update_fields=["title"])
    secretariat = Client(HTTP_ACCEPT_LANGUAGE="en")
    secretariat.force_login(make_user("sec", "secretariat"))
    page = secretariat.get(reverse("workspace:proposal", args=[motion.pk])).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "Oude titel" in history and "Nieuwe titel" in history
