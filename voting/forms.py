"""The voter's forms: how their member attends the meeting, and the proxy it gives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member
from voting.models import Attendance

ABSENT = "absent"


class AttendanceForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Present"),
        choices=[
            (Attendance.Mode.HALL, _("In the hall")),
            (Attendance.Mode.ONLINE, _("Online")),
            (ABSENT, _("Not present")),
        ],
        error_messages={"required": _("Choose in the hall, online or not present.")},
    )


class ProxyForm(forms.Form):
    """The member that votes for the user's member. Whether it may, cards.give_proxy says."""

    holder = forms.ModelChoiceField(
        label=_("Member that votes for us"),
        queryset=Member.objects.all(),
        error_messages={
            "required": _("Choose a member."),
            "invalid_choice": _("Choose a member."),
        },
    )
