"""Objects of one meeting cannot be read or changed through another meeting's URLs."""

import pytest
from django.http import Http404

from agenda.models import AgendaItem, Clause, Resolution, ResolutionVersion
from alv.access import MEETING_PATHS, get_for_meeting
from motions.models import Amendment, FollowUp, Motion, MotionPart, PreAdvice, Proposal
from tests import urlmatrix
from tests.samples import build_samples

pytestmark = pytest.mark.django_db

PROJECT_URLS = sorted(name for name in urlmatrix.project_urls() if name in urlmatrix.MATRIX)


@pytest.fixture
def samples(db):
    return build_samples()


@pytest.mark.parametrize("name", PROJECT_URLS)
def test_no_url_reaches_an_object_of_another_meeting(name, samples):
    assert urlmatrix.cross_meeting_problems(name, samples=samples) == []


MODELS = {
    "item": AgendaItem,
    "sub_item": AgendaItem,
    "resolution": Resolution,
    "version": ResolutionVersion,
    "clause": Clause,
    "motion": Motion,
    "proposal": Proposal,
    "amendment": Amendment,
    "motion_part": MotionPart,
    "pre_advice": PreAdvice,
    "follow_up": FollowUp,
}


@pytest.mark.parametrize("attr", MODELS)
def test_get_for_meeting_finds_an_object_only_through_its_own_meeting(attr, samples):
    model = MODELS[attr]
    own = getattr(samples.public, attr)
    assert get_for_meeting(model.objects.all(), samples.public.meeting, pk=own.pk) == own
    with pytest.raises(Http404):
        get_for_meeting(model.objects.all(), samples.other.meeting, pk=own.pk)


def test_get_for_meeting_finds_a_follow_up_pre_advice_through_the_follow_up_meeting(samples):
    advice = PreAdvice.objects.create(follow_up=samples.other.follow_up, value="overnemen")
    assert get_for_meeting(PreAdvice.objects.all(), samples.other.meeting, pk=advice.pk) == advice
    with pytest.raises(Http404):
        get_for_meeting(PreAdvice.objects.all(), samples.public.meeting, pk=advice.pk)


def test_get_for_meeting_keeps_the_visibility_of_the_queryset_it_is_given(samples):
    draft = samples.drafts["draft_motion"]
    member = samples.user("member")
    with pytest.raises(Http404):
        get_for_meeting(Motion.objects.visible_to(member), samples.public.meeting, pk=draft.pk)


# Members belong to no meeting; submitter rows are only reached through their motion or
# resolution.
NOT_FETCHED_BY_MEETING = {
    "motions.Member",
    "motions.ProposalSubmitter",
    "agenda.ResolutionSubmitter",
}


def test_every_model_of_a_meeting_has_a_path_to_its_meeting():
    from django.apps import apps

    labels = {
        model._meta.label
        for app in ("agenda", "motions")
        for model in apps.get_app_config(app).get_models()
        # History records (django-simple-history) are read only with the row they record.
        if not hasattr(model, "instance_type")
    }
    assert labels - NOT_FETCHED_BY_MEETING - set(MEETING_PATHS) == set()


@pytest.mark.urls("tests.access_test_urls")
def test_the_check_catches_a_view_that_fetches_an_object_by_id_alone(samples):
    matrix = {
        "unscoped_motion": urlmatrix.Case(
            kwargs={"meeting_pk": "meeting", "motion_pk": "motion"},
            get=urlmatrix.ANYONE,
            post=urlmatrix.ANYONE,
        ),
        "scoped_motion": urlmatrix.Case(
            kwargs={"meeting_pk": "meeting", "motion_pk": "motion"},
            get=urlmatrix.ANYONE,
            post=urlmatrix.ANYONE,
        ),
    }
    assert urlmatrix.cross_meeting_problems("scoped_motion", matrix, samples) == []
    problems = urlmatrix.cross_meeting_problems("unscoped_motion", matrix, samples)
    assert any("GET" in p and "reached another meeting's object" in p for p in problems)
    assert any("POST" in p and "changed another meeting's object" in p for p in problems)
