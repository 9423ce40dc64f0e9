from django import template

from alv import roles
from live import charts
from motions import followup, votes

register = template.Library()


@register.filter
def outcome_text(outcome):
    """ "aangenomen met 91,80% voor, ...": a decision in words."""
    return votes.describe(outcome)


@register.filter
def outcome_stamp(outcome):
    """The stamp of the decision a form is shown with (see motions.votes.check_unchanged)."""
    return votes.outcome_stamp(outcome)


@register.filter
def follow_ups_stamp(follow_ups):
    return followup.package_stamp(follow_ups)


@register.inclusion_tag("live/_vote_chart.html")
def vote_chart(outcome, *uid_parts, name=""):
    """Bars for a vote result; `uid_parts` make the ids of its title and description unique
    on the page."""
    uid = "chart-" + "-".join(str(part) for part in uid_parts)
    return {"chart": charts.vote_chart(outcome, uid, name)}


@register.filter
def is_secretariat(user):
    return roles.is_secretariat(user)
