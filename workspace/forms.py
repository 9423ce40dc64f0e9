"""Forms of the workspace. Each validates on the server; forms that edit an existing row carry
its revision and save only when nobody saved the row meanwhile (no lost updates)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.renderers import DjangoTemplates
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem, Clause, Meeting, Resolution, ResolutionVersion
from agenda.outcomes import Status
from alv import uploads
from alv.access import object_id
from alv.forms import StyledFormMixin
from alv.models import Association, MemberKind, StaleRevision
from members.models import Member, SubmitterGroup
from members.names import match_members
from motions.models import (
    Amendment,
    FollowUp,
    Motion,
    MotionPart,
    PreAdvice,
    PreAdvicePart,
    close_apart_gaps,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WorkspaceRenderer(DjangoTemplates):
    """Django's widget templates, with our own form layout from templates/workspace/."""

    def get_template(self, template_name):
        if template_name.startswith("workspace/"):
            return loader.get_template(template_name)
        return super().get_template(template_name)


class WorkspaceFormMixin(StyledFormMixin):
    default_renderer = WorkspaceRenderer
    template_name = "workspace/_form_fields.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 5


class WorkspaceForm(WorkspaceFormMixin, forms.Form):
    pass


class RevisionedForm(WorkspaceFormMixin, forms.ModelForm):
    """Edits a Revisioned row. The form carries the revision it was shown with; `save_checked`
    refuses to overwrite a newer one and then lists the current values in the form."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_values = None
        if self.instance.pk is None:
            del self.fields["revision"]
        else:
            self.fields["revision"].initial = self.instance.revision

    def save_checked(self):
        """Save if the row is still at the form's revision: True; otherwise False, with the
        conflict explained in the form (nothing is saved)."""
        if self.instance.pk is None:
            self.save()
            return True
        instance = self.save(commit=False)
        try:
            instance.save_if_current(
                self.cleaned_data["revision"], update_fields=self.update_fields()
            )
        except StaleRevision as stale:
            self.show_conflict(stale.current)
            return False
        return True

    def update_fields(self):
        return [name for name in self._meta.fields if name in self.fields]

    def show_conflict(self, current):
        if current is None:
            self.add_error(None, _("Someone else deleted this while you were editing it."))
            return
        self.current_values = [
            (self.fields[name].label, _display(current, name))
            for name in self._meta.fields
            if name in self.fields
        ]
        self.add_error(
            None,
            _(
                "Someone else saved this while you were editing it, so your changes were not "
                "saved. The current values are listed below; your own input is still in the "
                "form. Save again to replace the current values with yours."
            ),
        )
        # Saving again is then a deliberate choice, made after seeing the current values.
        data = self.data.copy()
        data[self.add_prefix("revision")] = current.revision
        self.data = data


def _display(instance, name):
    field = instance._meta.get_field(name)
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    value = getattr(instance, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return value if isinstance(value, str) else localize(value)


def clean_title(value):
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Give a title."))
    return value


# The association

LOGO_MAX_BYTES = 2_000_000
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AssociationForm(RevisionedForm):
    member_kinds = forms.TypedMultipleChoiceField(
        label=_("kinds of member"),
        choices=MemberKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of member.")},
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(label=_("web address"), required=False, assume_scheme="https")

    class Meta:
        model = Association
        fields = [
            "name",
            "short_name",
            "website",
            "logo",
            "primary_colour",
            "on_primary_colour",
            "link_colour",
            "motion_opening",
            "vote_weights",
            "motion_deadline_days",
            "motion_deadline_time",
            "amendment_deadline_days",
            "amendment_deadline_time",
            "member_kinds",
            "proxies_per_holder",
            "card_holders_need_second_factor",
        ]
        widgets = {
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
            "motion_deadline_time": TIME_WIDGET,
            "amendment_deadline_time": TIME_WIDGET,
            "motion_opening": forms.Textarea,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motion_opening"].widget.attrs["rows"] = 2
        if not self.instance.logo:
            del self.fields["remove_logo"]

    def clean_name(self):
        return clean_title(self.cleaned_data.get("name"))

    def clean_short_name(self):
        return clean_title(self.cleaned_data.get("short_name"))

    def clean_member_kinds(self):
        kinds = self.cleaned_data.get("member_kinds") or []
        # A kind that members have today cannot go: their rows would fall outside the rules.
        in_use = (
            Member.objects.active()
            .exclude(kind__in=kinds)
            .values_list("kind", flat=True)
            .order_by("kind")
            .distinct()
        )
        labels = dict(MemberKind.choices)
        if in_use:
            raise ValidationError(
                _("Members of these kinds exist today: %(kinds)s. Keep them.")
                % {"kinds": ", ".join(str(labels.get(kind, kind)) for kind in in_use)}
            )
        return kinds

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo is not self.instance.logo:
            uploads.validate_upload(logo, kinds=("png", "jpeg"), max_bytes=LOGO_MAX_BYTES)
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_logo") and "logo" in self.changed_data:
            self.add_error("remove_logo", _("Either upload a new logo or remove it, not both."))
        elif cleaned.get("remove_logo"):
            cleaned["logo"] = False  # FileField: False clears, None keeps
        return cleaned


# Groups of submitters


class SubmitterGroupForm(RevisionedForm):
    """A group's name and the members it consists of, typed as a list of names ("Almelo,
    Borne, Enschede"): read the way the Word import reads submitters."""

    member_names = forms.CharField(
        label=_("members of the group"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "The names of today's members, separated by commas or on separate lines. "
            "Leave empty for a group that is not linked to members."
        ),
    )

    class Meta:
        model = SubmitterGroup
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_names"].widget.attrs["rows"] = 4
        if self.instance.pk is not None:
            self.fields["member_names"].initial = ", ".join(
                member.name for member in self.instance.members.order_by("name")
            )

    def clean_name(self):
        name = clean_title(self.cleaned_data.get("name"))
        taken = SubmitterGroup.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("There is a group of this name already."))
        return name

    def clean_member_names(self):
        # One name a line is a list as well.
        lines = self.cleaned_data.get("member_names", "").splitlines()
        text = ", ".join(line.strip() for line in lines if line.strip())
        # Today's members, and those already linked (a group may keep a member that merged).
        linked = list(self.instance.members.all()) if self.instance.pk else []
        known = {m.pk: m for m in [*Member.objects.active(), *linked]}
        result = match_members(text, list(known.values()))
        if result.problems():
            raise ValidationError(result.problems())
        return result.members

    def save_checked(self):
        with transaction.atomic():
            saved = super().save_checked()
            if saved:
                self.instance.members.set(self.cleaned_data["member_names"])
            return saved

    def show_conflict(self, current):
        super().show_conflict(current)
        if current is not None and self.current_values is not None:
            names = ", ".join(member.name for member in current.members.order_by("name"))
            self.current_values.append((self.fields["member_names"].label, names or "—"))


# Meetings


class MeetingForm(RevisionedForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "starts_at",
            "location",
            "description",
            "motion_deadline",
            "amendment_deadline",
            "visibility",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "motion_deadline": DATETIME_WIDGET,
            "amendment_deadline": DATETIME_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        starts_at = self.instance.starts_at
        for name, computed in (
            ("motion_deadline", self.instance.computed_motion_deadline),
            ("amendment_deadline", self.instance.computed_amendment_deadline),
        ):
            if starts_at is None:
                self.fields[name].help_text = _(
                    "Leave empty for the association's rule (workspace, Association)."
                )
                continue
            self.fields[name].help_text = _(
                "By the association's rule: %(deadline)s. Fill in another date and time to "
                "override it; empty the field to go back to the rule."
            ) % {"deadline": date_format(timezone.localtime(computed()), "l j F Y, H:i")}

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))


class NewMeetingForm(MeetingForm):
    copy_from = forms.ModelChoiceField(
        queryset=Meeting.objects.order_by("-starts_at"),
        required=False,
        label=_("Standard items"),
        empty_label=_("Start with an empty agenda"),
        help_text=_(
            "Copy the standard items (opening, minutes, closing, ...) of an earlier meeting."
        ),
    )


# Agenda


class AgendaItemForm(RevisionedForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "text", "is_standard", "is_follow_up"]

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))


class NewAgendaItemForm(WorkspaceFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "parent", "is_standard"]
        labels = {"parent": _("Under item")}
        help_texts = {"parent": _("Leave empty for a main item; choose one for a sub-item.")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["parent"].queryset = meeting.items.filter(parent__isnull=True).order_by(
            "position"
        )
        self.fields["parent"].empty_label = _("(none: a main item)")
        self.fields["parent"].label_from_instance = lambda item: str(item)

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))

    def _post_clean(self):
        # The position is not known until the item is added (Meeting.add_item).
        pass

    def add(self):
        data = dict(self.cleaned_data)
        return self.meeting.add_item(parent=data.pop("parent"), **data)


class DeleteItemForm(WorkspaceForm):
    move_to = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label=_("Move its contents to"),
        empty_label=_("(choose an item)"),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.holdings = item.holdings()
        self.has_children = item.children.exists()
        others = item.meeting.ordered_items()
        self.fields["move_to"].queryset = AgendaItem.objects.filter(meeting=item.meeting).exclude(
            pk=item.pk
        )
        self.fields["move_to"].choices = [("", self.fields["move_to"].empty_label)] + [
            (other.pk, str(other)) for other in others if other.pk != item.pk
        ]

    def delete(self):
        """Delete the item, moving what it holds; False with the reason in the form if not."""
        try:
            self.item.remove(move_contents_to=self.cleaned_data.get("move_to"))
        except ValidationError as error:
            holds = any(self.holdings.values()) and not self.has_children
            self.add_error("move_to" if holds else None, error)
            return False
        return True


# Resolutions


class NewResolutionForm(WorkspaceFormMixin, forms.ModelForm):
    label = forms.CharField(
        label=_("Label of the first version"),
        max_length=100,
        # Nothing offered: an offered "concept-resolutie" stayed on versions published as the
        # resolution itself. The secretariat names a concept itself.
        required=False,
        help_text=_("For example: concept-resolutie."),
    )

    class Meta:
        model = Resolution
        fields = ["title"]

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))

    def _post_clean(self):
        # Position and first version are set when it is started (Resolution.start).
        pass


class ResolutionForm(RevisionedForm):
    class Meta:
        model = Resolution
        fields = ["title"]

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))


class ResolutionSubmittersForm(RevisionedForm):
    """Who submits a resolution: the board, or members chosen from the member list (the
    motions' type-ahead picker; the first one leads)."""

    class Meta:
        model = Resolution
        fields = ["submitted_by_board"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Declared here, not on the class, so that it comes after the checkbox.
        self.fields["submitters"] = SubmittersField(label=_("Submitters"), required=False)
        self.fields["submitters"].for_meeting_on(self.instance.agenda_item.meeting.date)
        self.fields["submitters"].initial = [
            s.member
            for s in self.instance.resolutionsubmitter_set.select_related("member").order_by(
                "position"
            )
        ]

    def clean(self):
        cleaned = super().clean()
        by_board = cleaned.get("submitted_by_board")
        members = cleaned.get("submitters")
        if members is None:  # the field has its own error already
            return cleaned
        if by_board and members:
            self.add_error(
                "submitters",
                _(
                    "A resolution of the board has no submitting members: remove them, or "
                    "untick “submitted by the board”."
                ),
            )
        elif not by_board and not members:
            self.add_error("submitters", SubmittersField.default_error_messages["required"])
        return cleaned

    def show_conflict(self, current):
        super().show_conflict(current)
        if current is not None and self.current_values is not None:
            names = ", ".join(
                s.shown_name
                for s in current.resolutionsubmitter_set.select_related("member").order_by(
                    "position"
                )
            )
            self.current_values.append((self.fields["submitters"].label, names or "—"))

    def save_with_submitters(self):
        """Save the flag and the submitters together, or nothing (False on a conflict)."""
        with transaction.atomic():
            if not self.save_checked():
                return False
            self.instance.set_submitters(self.cleaned_data["submitters"])
        return True


class DraftVersionMixin:
    """Published texts stay as members read them: only a draft version is edited."""

    def clean(self):
        cleaned = super().clean()
        try:
            self.version.ensure_editable()
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return cleaned


class VersionTextForm(DraftVersionMixin, RevisionedForm):
    """One text of a version (its label, intro or explanation), edited in place."""

    class Meta:
        model = ResolutionVersion
        fields = []

    @property
    def version(self):
        return self.instance


VERSION_FIELDS = ("label", "intro", "explanation")


def version_text_form(field):
    return forms.modelform_factory(ResolutionVersion, form=VersionTextForm, fields=[field])


class ClauseForm(DraftVersionMixin, RevisionedForm):
    class Meta:
        model = Clause
        fields = ["text"]

    @property
    def version(self):
        return self.instance.version


class NewClauseForm(WorkspaceForm):
    text = forms.CharField(label=_("Text of the new clause"), widget=forms.Textarea)


class NewVersionForm(WorkspaceForm):
    label = forms.CharField(
        label=_("Label of the new version"),
        max_length=100,
        required=False,
        initial="geactualiseerde resolutie",
        help_text=_("For example: geactualiseerde resolutie."),
    )


class VersionDiffForm(WorkspaceForm):
    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, _version_name(v)) for v in versions]
        self.fields["old"].choices = self.fields["new"].choices = choices


def _version_name(version):
    name = _("version %(number)s") % {"number": version.number}
    return f"{name}: {version.label}" if version.label else name


# Motions and amendments


class SubmitterPicker(forms.Widget):
    """The chosen members as an ordered list of chips (hidden fields), with a type-ahead
    search over the member list to add more (static/js/workspace.js)."""

    template_name = "workspace/_submitter_picker.html"
    on_date = None

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [object_id(getattr(v, "pk", v)) for v in (value or [])]
        found = Member.objects.in_bulk([i for i in ids if i])
        context["widget"]["members"] = [found[i] for i in ids if i in found]
        context["widget"]["on_date"] = self.on_date
        return context


class SubmittersField(forms.Field):
    """Members in the order given (the first leads); each must be a member on the day of the
    meeting (`on_date`, set by the form; today without it), once."""

    on_date = None

    def for_meeting_on(self, date):
        """Members of the meeting's day: checked here, offered by the type-ahead."""
        self.on_date = self.widget.on_date = date

    widget = SubmitterPicker
    default_error_messages = {
        "required": _("Choose at least one submitter from the member list."),
        "unknown": _(
            "Only members of the association on the day of the meeting can submit; choose "
            "them from the list."
        ),
        "twice": _("A member can submit it only once."),
    }

    def to_python(self, value):
        values = [v for v in (value or []) if str(v).strip()]
        ids = [object_id(v) for v in values]
        if None in ids:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        if len(set(ids)) != len(ids):
            raise ValidationError(self.error_messages["twice"], code="twice")
        members = Member.objects.on(self.on_date) if self.on_date else Member.objects.active()
        found = members.in_bulk(ids)
        if len(found) != len(ids):
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return [found[i] for i in ids]

    def prepare_value(self, value):
        return [getattr(v, "pk", v) for v in (value or [])]


class ProposalForm(RevisionedForm):
    """What motions and amendments share: submitters, title, flags. Saved as its subtype, so
    the history is in one place (see motions.models.Proposal)."""

    submitters = SubmittersField(
        label=_("Submitters"),
        required=False,
        help_text=_("Members of the association; or name a group, or tick the board, below."),
    )
    submitter_group_name = forms.CharField(
        label=_("Or: submitted by a group"),
        required=False,
        max_length=200,
        help_text=_(
            "A group that is not one member, such as Regio Twente; a new name makes a new group."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["submitters"].for_meeting_on(meeting.date)
        if self.instance.submitter_group_id is not None:
            self.fields["submitter_group_name"].initial = self.instance.submitter_group.name
        # Validating the form already puts the chosen item on the instance.
        self.original_item_id = self.instance.agenda_item_id if self.instance.pk else None
        self.original_pk = self.instance.pk
        if self.instance.pk is None:
            self.instance.meeting = meeting
        else:
            self.fields["submitters"].initial = [
                s.member for s in self.instance.proposalsubmitter_set.select_related("member")
            ]

    def show_conflict(self, current):
        super().show_conflict(current)
        if current is not None and self.current_values is not None:
            names = ", ".join(current.submitter_names)
            self.current_values.insert(1, (self.fields["submitters"].label, names))

    def clean_submitter_group_name(self):
        return " ".join((self.cleaned_data.get("submitter_group_name") or "").split())

    def clean(self):
        cleaned = super().clean()
        members = cleaned.get("submitters")
        if members is None:  # the field has its own error already
            return cleaned
        chosen = [bool(members), bool(cleaned.get("submitter_group_name"))]
        chosen.append(bool(cleaned.get("submitted_by_board")))
        if sum(chosen) != 1:
            self.add_error(
                "submitters",
                _(
                    "Choose the submitting members, or name a group, or tick “submitted by the "
                    "board”: one of the three."
                ),
            )
        return cleaned

    def update_fields(self):
        # Moving to another agenda item also gives a new position.
        return [*super().update_fields(), "agenda_item", "position", "submitter_group"]

    def save_with_submitters(self):
        """Save the proposal and its submitters together, or nothing (False on a conflict)."""
        with transaction.atomic():
            proposal = self.instance
            # A new one takes a place too, also outside the agenda (no item to differ from).
            moved = proposal.pk is None or proposal.agenda_item_id != self.original_item_id
            if moved:
                proposal.position = proposal.next_place_under(self.cleaned_data["agenda_item"])
            group_name = self.cleaned_data["submitter_group_name"]
            proposal.submitter_group = SubmitterGroup.named(group_name) if group_name else None
            if not self.save_checked():
                transaction.set_rollback(True)  # nor a group made for it
                return False
            proposal.set_submitters(self.cleaned_data["submitters"])
            if moved and self.original_item_id is not None:
                # The ones after it under its old item move up a number (4.3 becomes 4.2).
                AgendaItem.objects.get(pk=self.original_item_id).close_proposal_gaps()
            elif moved and self.original_pk is not None:
                close_apart_gaps(proposal.meeting)  # it left the motions outside the agenda
        return True


class MotionForm(ProposalForm):
    field_order = [
        "title",
        "submitters",
        "submitter_group_name",
        "submitted_by_board",
        "submitters_note",
        "agenda_item",
        "resolution",
    ]

    class Meta:
        model = Motion
        fields = [
            "title",
            "submitted_by_board",
            "submitters_note",
            "agenda_item",
            "resolution",
            "request_intro",
            "explanation",
            "submitted_at",
            "is_late",
            "is_draft",
        ]
        widgets = {"submitted_at": DATETIME_WIDGET}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        items = meeting.ordered_items()
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        # A motion may stand outside the agenda's items (moved, late, or its item not known):
        # the empty choice says so, and the papers list it apart, after the items.
        self.fields["agenda_item"].required = False
        self.fields["agenda_item"].choices = [("", _("(no agenda item: listed apart)"))] + [
            (i.pk, str(i)) for i in items
        ]
        self.fields["resolution"].queryset = Resolution.objects.filter(
            agenda_item__meeting=meeting
        ).order_by("agenda_item__parent__position", "agenda_item__position", "position")

    def clean_title(self):
        return clean_title(self.cleaned_data.get("title"))


class AmendmentForm(ProposalForm):
    field_order = [
        "title",
        "submitters",
        "submitter_group_name",
        "submitted_by_board",
        "submitters_note",
        "resolution_version",
        "change",
    ]

    class Meta:
        model = Amendment
        fields = [
            "title",
            "submitted_by_board",
            "submitters_note",
            "resolution_version",
            "change",
            "target_clause",
            "new_text",
            "explanation",
            "submitted_at",
            "is_late",
            "is_draft",
        ]
        help_texts = {"title": _("Optional: many amendments are known by their submitters.")}
        widgets = {"submitted_at": DATETIME_WIDGET}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, meeting=meeting, **kwargs)
        versions = ResolutionVersion.objects.filter(
            resolution__agenda_item__meeting=meeting
        ).select_related("resolution")
        self.fields["resolution_version"].queryset = versions
        self.fields["resolution_version"].label_from_instance = _version_choice
        # Choosing another version reloads the list of its clauses.
        self.fields["resolution_version"].widget.attrs.update(
            {
                "hx-get": reverse("workspace:clause_options", args=[meeting.pk]),
                "hx-trigger": "change",
                "hx-target": f"#{self.auto_id % self.add_prefix('target_clause')}",
                "hx-swap": "innerHTML",
            }
        )
        # Any clause of this meeting passes the field, so that a clause of another resolution
        # gets the model's own, clear message; the list shows the chosen version's clauses.
        self.fields["target_clause"].queryset = Clause.objects.filter(
            version__resolution__agenda_item__meeting=meeting
        )
        self.fields["target_clause"].choices = clause_choices(self._chosen_version())

    def _chosen_version(self):
        if self.is_bound:
            chosen = self.data.get(self.add_prefix("resolution_version"))
        else:
            chosen = self.initial.get("resolution_version") or self.instance.resolution_version_id
        chosen = object_id(getattr(chosen, "pk", chosen))
        if chosen is None:
            return None
        return self.fields["resolution_version"].queryset.filter(pk=chosen).first()

    def _post_clean(self):
        version = self.cleaned_data.get("resolution_version")
        if version is not None:
            # An amendment stands under the agenda item of the resolution it amends.
            self.instance.agenda_item = version.resolution.agenda_item
            self.cleaned_data["agenda_item"] = version.resolution.agenda_item
        super()._post_clean()


def _version_choice(version):
    name = _("version %(number)s") % {"number": version.number}
    if version.label:
        name = f"{name}, {version.label}"
    return f"{version.resolution} ({name})"


def clause_choices(version):
    if version is None:
        return [("", _("(choose the resolution version first)"))]
    return [("", _("(none: before the first clause)"))] + [
        (clause.pk, f"{clause.number}. {Truncator(clause.text).chars(90)}")
        for clause in version.clauses.order_by("position")
    ]


class MotionPartForm(RevisionedForm):
    class Meta:
        model = MotionPart
        fields = ["kind", "text"]


class NewMotionPartForm(WorkspaceFormMixin, forms.ModelForm):
    class Meta:
        model = MotionPart
        fields = ["kind", "text"]

    def _post_clean(self):
        # The motion and the position are set when the part is added (Motion.add_part).
        pass


# Pre-advice


class PreAdvicePartForm(WorkspaceForm):
    """The board's advice on one part of a motion (PreAdvicePart): a row of the pre-advice
    form. A row left empty is no part; emptying a row removes its part."""

    label = forms.CharField(label=_("Part"), required=False, max_length=200)
    # Labels that the overview's own fields' ("Preadvies", "Toelichting") do not contain, so
    # those keep one field each to a reader looking for them by name.
    value = forms.ChoiceField(label=_("Advice on this part"), required=False)
    rationale = forms.CharField(label=_("Reasons in short"), required=False)

    def __init__(self, *args, form_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", "—"), *PreAdvice.Value.choices]
        for field in self.fields.values():
            if form_id:
                field.widget.attrs["form"] = form_id

    def clean(self):
        data = super().clean()
        label, value = data.get("label", "").strip(), data.get("value", "")
        data["label"] = label
        if value and not label:
            self.add_error("label", _("Name the part this advice is on, for example: verzoek 1."))
        elif (label or data.get("rationale")) and not value:
            self.add_error("value", _("Choose the pre-advice on this part."))
        elif data.get("rationale") and not label:
            self.add_error("label", _("Name the part this advice is on, for example: verzoek 1."))
        return data

    @property
    def is_empty(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("label") or data.get("value") or data.get("rationale"))


class BasePreAdvicePartFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if form.errors or form.is_empty:
                continue
            key = " ".join(form.cleaned_data["label"].split()).casefold()
            if key in seen:
                form.add_error(
                    "label", _("Each part has one pre-advice: this part is named twice.")
                )
            seen.add(key)

    def rows(self):
        """The parts as the form gives them, in order: (label, value, rationale)."""
        return [
            (f.cleaned_data["label"], f.cleaned_data["value"], f.cleaned_data["rationale"])
            for f in self.forms
            if not f.is_empty
        ]


PreAdvicePartFormSet = forms.formset_factory(
    PreAdvicePartForm, formset=BasePreAdvicePartFormSet, extra=1, max_num=20, validate_max=True
)


class PreAdviceRowForm(WorkspaceForm):
    """One row of the pre-advice overview: the board's pre-advice on a motion, amendment or
    follow-up, and the status of what it advises on. Both are checked against the revisions
    the row was shown with, and saved together or not at all."""

    value = forms.ChoiceField(label=_("Pre-advice"), required=False)
    rationale = forms.CharField(label=_("Rationale"), required=False, widget=forms.Textarea)
    response = forms.ChoiceField(label=_("Answer of the submitters"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    subject_revision = forms.IntegerField(widget=forms.HiddenInput)
    advice_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, subject, advice, form_id, **kwargs):
        self.subject, self.advice = subject, advice
        self.is_follow_up = isinstance(subject, FollowUp)
        self.status_field = "proposed_decision" if self.is_follow_up else "status"
        kwargs["initial"] = {
            "value": advice.value if advice else "",
            "rationale": advice.rationale if advice else "",
            "response": advice.response if advice else "",
            "status": getattr(subject, self.status_field),
            "subject_revision": subject.revision,
            "advice_revision": advice.revision if advice else None,
        }
        super().__init__(*args, **kwargs)
        self.current_values = None
        self.fields["value"].choices = [("", _("pre-advice to follow")), *PreAdvice.Value.choices]
        self.fields["response"].choices = [("", "—"), *PreAdvice.Response.choices]
        if self.is_follow_up:
            self.fields["status"].label = _("Proposed decision")
            self.fields["status"].choices = [("", "—"), *FollowUp.Decision.choices]
        else:
            self.fields["status"].choices = Status.choices
            self.fields["status"].required = True
        for field in self.fields.values():
            # The fields sit in the cells of a table row; the form element in the last cell.
            field.widget.attrs["form"] = form_id
        # A motion may be advised on per part ("verzoek 1 overnemen, verzoek 2 ontraden"):
        # the parts are edited, checked and saved with the pre-advice they belong to.
        # A form sent without the rows of the parts leaves the parts as they are.
        self.parts = None
        parts_prefix = f"{self.prefix}-parts" if self.prefix else "parts"
        sent_parts = not self.is_bound or f"{parts_prefix}-TOTAL_FORMS" in self.data
        if isinstance(subject, Motion) and sent_parts:
            existing = advice.ordered_parts() if advice else []
            self.parts = PreAdvicePartFormSet(
                self.data if self.is_bound else None,
                initial=[
                    {"label": p.label, "value": p.value, "rationale": p.rationale} for p in existing
                ],
                prefix=parts_prefix,
                form_kwargs={"form_id": form_id},
            )
            # Two empty rows to start with; one more than there are parts after that.
            self.parts.extra = 1 if existing else 2

    def is_valid(self):
        valid = super().is_valid()
        if self.parts is None:
            return valid
        parts_valid = self.parts.is_valid()
        if parts_valid and self.parts.rows() and valid and not self.cleaned_data["value"]:
            self.add_error(
                "value",
                _(
                    "With pre-advice per part, choose the pre-advice on the motion as a "
                    "whole too, or “geen preadvies”."
                ),
            )
            valid = False
        return valid and parts_valid

    def save(self):
        """Save the row: True, or False with the reason in the form (then nothing is saved)."""
        try:
            with transaction.atomic():
                self._save_status()
                self._save_advice()
        except StaleRevision:
            self._show_conflict()
            return False
        except ValidationError as error:
            self.add_error(None, error)
            return False
        return True

    def _save_status(self):
        subject, field, status = self.subject, self.status_field, self.cleaned_data["status"]
        if status == getattr(subject, field):
            return
        setattr(subject, field, status)
        if not self.is_follow_up:
            if subject.by_acclamation and status != Status.ADOPTED:
                raise ValidationError({"status": _("It was adopted by acclamation.")})
            subject.clean_outcome()
        subject.save_if_current(self.cleaned_data["subject_revision"], update_fields=[field])

    def _save_advice(self):
        data = self.cleaned_data
        subject_key = "follow_up" if self.is_follow_up else "proposal"
        current = (
            PreAdvice.objects.select_for_update(of=("self",))
            .filter(**{subject_key: self.subject})
            .first()
        )
        expected = data["advice_revision"]
        if (current is None) != (expected is None) or (current and current.revision != expected):
            # Someone else gave, changed or removed the pre-advice since the row was shown.
            raise StaleRevision(current)
        if not data["value"]:
            if data["response"]:
                raise ValidationError({"value": _("Choose the pre-advice first.")})
            if current is not None:
                if current.is_settled:
                    raise ValidationError(
                        {
                            "value": _(
                                "The board has settled this pre-advice: it must reopen it before it changes."
                            )
                        }
                    )
                current.delete()
            return
        advice = current or PreAdvice(**{subject_key: self.subject})
        advice.revise(data["value"], data["rationale"], data["response"])
        advice.full_clean()
        if current is None:
            advice.save()
        else:
            advice.save_if_current(expected, update_fields=["value", "rationale", "response"])
        self._save_parts(advice, current is None)

    def _save_parts(self, advice, is_new):
        """The advice per part, as the form gives it. Saved with the pre-advice, whose revision
        went up with it, so the board never settles parts it has not seen; once settled, they
        change only after the board reopened the pre-advice, as its value does."""
        if self.parts is None:
            return
        wanted = self.parts.rows()
        existing = [] if is_new else list(advice.parts.order_by("position"))
        if [(p.label, p.value, p.rationale) for p in existing] == wanted:
            return
        if advice.is_settled:
            raise ValidationError(
                _("The board has settled this pre-advice: it must reopen it before it changes.")
            )
        for part in existing[len(wanted) :]:
            part.delete()
        for position, (label, value, rationale) in enumerate(wanted, start=1):
            part = existing[position - 1] if position <= len(existing) else None
            if part is None:
                PreAdvicePart.objects.create(
                    pre_advice=advice,
                    position=position,
                    label=label,
                    value=value,
                    rationale=rationale,
                )
            elif (part.label, part.value, part.rationale) != (label, value, rationale):
                part.label, part.value, part.rationale = label, value, rationale
                part.save(update_fields=["label", "value", "rationale"])

    def _show_conflict(self):
        subject = type(self.subject)._base_manager.get(pk=self.subject.pk)
        key = "follow_up" if self.is_follow_up else "proposal"
        advice = PreAdvice.objects.filter(**{key: subject}).first()
        none = _("pre-advice to follow")
        self.current_values = [
            (self.fields["value"].label, advice.get_value_display() if advice else none),
            (
                self.fields["rationale"].label,
                advice.rationale if advice and advice.rationale else "—",
            ),
            *(
                [(_("Pre-advice per part"), advice.reading().text)]
                if advice and advice.ordered_parts()
                else []
            ),
            (_("state"), advice.get_state_display() if advice else "—"),
            (
                self.fields["status"].label,
                getattr(subject, f"get_{self.status_field}_display")() or "—",
            ),
        ]
        self.add_error(
            None,
            _(
                "Someone else saved this while you were editing it, so your changes were not "
                "saved. The current values are listed below; your own input is still in the "
                "form. Save again to replace the current values with yours."
            ),
        )
        data = self.data.copy()
        data[self.add_prefix("subject_revision")] = subject.revision
        data[self.add_prefix("advice_revision")] = advice.revision if advice else ""
        self.data = data


class PreAdviceFilterForm(WorkspaceForm):
    NO_ADVICE = "none"

    advice = forms.ChoiceField(label=_("Pre-advice"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    item = forms.TypedChoiceField(
        label=_("Agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advice"].choices = [
            ("", _("all")),
            (self.NO_ADVICE, _("no pre-advice yet")),
            *PreAdvice.Value.choices,
        ]
        self.fields["state"].choices = [
            ("", _("all")),
            ("draft", _("draft")),
            ("settled", _("settled, not published")),
            ("published", _("published")),
        ]
        self.fields["item"].choices = [("", _("all"))] + [(i.pk, str(i)) for i in items]

    def keeps(self, advice):
        """Whether a row with this pre-advice passes the value and state filters."""
        data = self.cleaned_data if self.is_valid() else {}
        wanted, state = data.get("advice"), data.get("state")
        if wanted == self.NO_ADVICE and advice is not None:
            return False
        if wanted and wanted != self.NO_ADVICE and (advice is None or advice.value != wanted):
            return False
        if state == "draft":
            return advice is not None and not advice.is_settled
        if state == "settled":
            return advice is not None and advice.is_settled and not advice.is_published
        if state == "published":
            return advice is not None and advice.is_published
        return True

    def keeps_item(self, item):
        wanted = self.cleaned_data.get("item") if self.is_valid() else None
        return wanted is None or wanted in (item.pk, item.parent_id)
