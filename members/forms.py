"""Forms of the members' people: the invitation (by the secretariat or a contact person),
choosing a password from an invitation link, and a person's own mail settings."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alv.forms import StyledFormMixin
from alv.models import User
from alv.text import CleanTextFormMixin
from members import mailing, people
from members.models import MailKind, Member, membership_on


class InviteForm(StyledFormMixin, forms.Form):
    """Whom to invite. `member` is asked only of the secretariat: a contact person invites to
    their own member (pass `member=`)."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(
        label=_("e-mail address"),
        max_length=150,
        help_text=_("The person logs in with this address; the invitation is sent to it."),
    )
    member = forms.ModelChoiceField(label=_("member"), queryset=None)
    function = forms.ChoiceField(label=_("function"), choices=User.Function.choices)
    is_contact = forms.BooleanField(
        label=_("contact person of the member"),
        required=False,
        help_text=_("May invite and deactivate colleagues of the same member."),
    )
    language = forms.ChoiceField(
        label=_("language of the e-mail"),
        choices=User._meta.get_field("language").choices,
        initial="nl",
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_member = member
        if member is not None:
            del self.fields["member"]
        else:
            # A person is invited to a member of today.
            self.fields["member"].queryset = Member.objects.active()
        self.fields["function"].choices = [("", "---------"), *User.Function.choices]
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_email(self):
        return people.normalize_email(self.cleaned_data["email"])

    def invite(self, actor, base_url):
        data = self.cleaned_data
        return people.invite(
            actor,
            email=data["email"],
            member=self.fixed_member or data["member"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            function=data["function"],
            is_contact=data["is_contact"],
            language=data["language"],
            base_url=base_url,
        )


class PersonForm(CleanTextFormMixin, forms.ModelForm):
    """The secretariat's edit of a member's person (the address is the login: not here)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "member", "function", "is_contact", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].required = True
        # Today's members, and the one the person belongs to (it may have merged since).
        self.fields["member"].queryset = Member.objects.filter(
            Q(membership_on(timezone.localdate())) | Q(pk=self.instance.member_id)
        )
        self.fields["function"].required = True


class MailSettingsForm(StyledFormMixin, forms.Form):
    """Which mail about motions a person receives: a box per kind, each on until it is
    turned off. Only the kinds offered are accepted; the boxes as posted are shown again."""

    wanted = forms.MultipleChoiceField(
        label=_("Send me an e-mail about"),
        choices=MailKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if not self.is_bound:
            self.initial["wanted"] = mailing.wanted_kinds(person)

    def save(self):
        mailing.set_wanted(self.person, self.cleaned_data["wanted"])
