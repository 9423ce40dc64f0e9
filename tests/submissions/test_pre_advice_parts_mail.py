"""The mail to the submitters of an online motion reads the board's pre-advice per part as
every page does (PreAdvice.reading), and is sent again when the advice on a part changed."""

import pytest

from motions.models import PreAdvice, PreAdvicePart
from tests.submissions.test_notifications import (  # noqa: F401 (fixtures)
    contacts,
    in_the_papers,
    publish_pre_advice,
    sent,
)

pytestmark = pytest.mark.django_db


def test_the_mail_tells_the_advice_per_part(
    in_the_papers,  # noqa: F811 (the fixture imported above)
    publish_pre_advice,  # noqa: F811
    work_off_queue,
    mailoutbox,
):
    advice = PreAdvice.objects.get(proposal=in_the_papers)
    PreAdvice.objects.filter(pk=advice.pk).update(value=PreAdvice.Value.NONE)
    PreAdvicePart.objects.create(
        pre_advice=advice, position=1, label="verzoek 1", value="overnemen", rationale=""
    )
    PreAdvicePart.objects.create(
        pre_advice=advice, position=2, label="verzoek 2", value="ontraden", rationale="Te vroeg."
    )
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    assert len(mailoutbox) == 2
    for message in mailoutbox:  # the contact persons read English (test_notifications)
        assert "per part: verzoek 1: overnemen; verzoek 2: ontraden" in message.body
        assert "verzoek 2: ontraden — Te vroeg." in message.body
        assert "geen preadvies" not in message.body
        assert "verzoek 2: ontraden" in message.alternatives[0][0]
    # Reopened, a part changed, published again: the submitters hear of it.
    in_the_papers.meeting.unpublish_pre_advice()
    PreAdvicePart.objects.filter(position=2).update(value="neutraal")
    publish_pre_advice(in_the_papers.meeting)
    work_off_queue()
    assert len(mailoutbox) == 4
    assert all("verzoek 2: neutraal" in m.body for m in mailoutbox[2:])
