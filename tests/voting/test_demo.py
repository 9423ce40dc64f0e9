from papers import demo as papers_demo
from voting import demo
from voting.models import Poll, VotingCard


def test_the_demo_member_holds_its_cards_and_can_vote_in_an_open_consultation(db):
    papers_demo.load()
    meeting = demo.load()
    demo.load()  # again, as every `make run` does: nothing doubles

    lid = VotingCard.objects.filter(holder__username="lid")
    assert lid.count() == 2
    open_polls = Poll.objects.open().filter(meeting=meeting, written=True)
    assert open_polls.count() == 1
    assert open_polls.get().closes_at == meeting.starts_at
