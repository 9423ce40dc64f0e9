import datetime
import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. A member's account belongs to one municipality."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("The member (municipality) this account speaks for, if any."),
    )

    class Function(models.TextChoices):
        """What a member's representative is in their municipality."""

        MAYOR = "mayor", _("mayor")
        ALDERMAN = "alderman", _("alderman")
        COUNCILLOR = "councillor", _("council member")
        CLERK = "clerk", _("council clerk")
        SECRETARY = "secretary", _("municipal secretary")
        CIVIL_SERVANT = "civil_servant", _("civil servant")

    function = models.CharField(
        _("function"),
        max_length=20,
        choices=Function.choices,
        blank=True,
        help_text=_("The person's function at the member; empty for the secretariat and board."),
    )
    is_contact = models.BooleanField(
        _("contact person"),
        default=False,
        help_text=_("The member's contact person: may invite and deactivate colleagues."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_("The language of the e-mail this person receives."),
    )
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)

    @property
    def is_pending(self):
        """Invited, but no password chosen yet."""
        return self.invited_at is not None and not self.has_usable_password()


class StaleRevision(Exception):
    """Someone saved the row after the editor read it: the edit is refused, not merged.
    `current` is the row as it is now (None when it was deleted meanwhile)."""

    def __init__(self, current):
        super().__init__("stale revision")
        self.current = current


class Revisioned(models.Model):
    """A row edited in the browser: `revision` goes up on every save so that a stale edit is
    detected instead of silently overwriting someone else's (see `save_if_current`)."""

    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.revision += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "revision"}
        super().save(*args, **kwargs)

    def save_if_current(self, expected_revision, update_fields=None):
        """Save only when the row still has `expected_revision`, the revision the editor read.

        The check and the write are one conditional UPDATE (... WHERE pk = .. AND revision = ..)
        inside a transaction, so of two editors who read the same revision exactly one wins; the
        other gets StaleRevision with the current row. The save itself goes through save(), so
        signals (history) still fire."""
        # With multi-table inheritance `revision` lives on the parent's table.
        table = self._meta.get_field("revision").model
        with transaction.atomic():
            claimed = table._base_manager.filter(pk=self.pk, revision=expected_revision).update(
                revision=expected_revision + 1
            )
            if not claimed:
                raise StaleRevision(type(self)._base_manager.filter(pk=self.pk).first())
            # save() bumps the revision once more, to the value just claimed.
            self.revision = expected_revision
            self.save(update_fields=update_fields)


class PapersRevision(models.Model):
    """One row whose `revision` goes up with every write to a table of the meeting papers;
    pages cache what they render from the papers under it (see alv.freshness)."""

    revision = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("revision of the papers")

    def __str__(self):
        return str(self.revision)


class MemberKind(models.TextChoices):
    """What kinds of member an association has (Member.kind; Association.member_kinds)."""

    MUNICIPALITY = "municipality", _("municipality")
    PROVINCE = "province", _("province")
    WATER_BOARD = "water_board", _("water board")
    PUBLIC_BODY = "public_body", _("public body")
    OTHER_ORGANISATION = "other_organisation", _("other organisation")


# The noun a page uses for one member of a kind: "My municipality", "your water board".
_MEMBER_NOUNS = {
    MemberKind.MUNICIPALITY: _("municipality"),
    MemberKind.PROVINCE: _("province"),
    MemberKind.WATER_BOARD: _("water board"),
    MemberKind.PUBLIC_BODY: _("public body"),
    MemberKind.OTHER_ORGANISATION: _("organisation"),
}


def member_noun(kind):
    return _MEMBER_NOUNS.get(kind, _("organisation"))


class VoteWeights(models.TextChoices):
    POPULATION = "population", _("by population")
    EQUAL = "equal", _("equal: one member, one vote")
    MEMBER = "member", _("the weight entered per member")


HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}\Z", _("Enter a colour as # and six hexadecimal digits, e.g. #14397a.")
)
# The words the opening formula of a motion may use, each between braces.
OPENING_PLACEHOLDERS = ("name", "short_name", "date")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _logo_path(instance, filename):
    # Never the uploader's name: the stored name is ours, the type is decided by the content.
    return f"association/logo-{uuid.uuid4().hex}"


def validate_opening(text):
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(OPENING_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s; you can use %(allowed)s.")
            % {
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in OPENING_PLACEHOLDERS),
            }
        )


def validate_member_kinds(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one kind of member."))
    unknown = [kind for kind in value if kind not in MemberKind.values]
    if unknown:
        raise ValidationError(
            _("Unknown kind of member: %(kinds)s.") % {"kinds": ", ".join(map(str, unknown))}
        )


def _relative_luminance(colour):
    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_relative_luminance(first), _relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def default_member_kinds():
    return [MemberKind.MUNICIPALITY.value]


class Association(Revisioned):
    """The association whose general assembly this installation runs: one row, edited by the
    secretariat (workspace, "Association") and by `load_demo`. Read it with `current()`."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=40, help_text=_("As in the page header, e.g. VNG.")
    )
    website = models.URLField(_("web address"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to=_logo_path,
        blank=True,
        help_text=_("A PNG or JPEG image."),
    )
    primary_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#14397a",
        validators=[HEX_COLOUR],
        help_text=_("The background of the page header and of primary buttons."),
    )
    on_primary_colour = models.CharField(
        _("text colour on the brand colour"),
        max_length=7,
        default="#ffffff",
        validators=[HEX_COLOUR],
    )
    link_colour = models.CharField(
        _("link colour"), max_length=7, default="#14397a", validators=[HEX_COLOUR]
    )
    motion_opening = models.TextField(
        _("opening formula of a motion"),
        default="De algemene ledenvergadering van de {short_name}, bijeen op {date},",
        validators=[validate_opening],
        help_text=_("You can use {name}, {short_name} and {date} (the day of the meeting)."),
    )
    vote_weights = models.CharField(
        _("weight of a vote"),
        max_length=20,
        choices=VoteWeights.choices,
        default=VoteWeights.POPULATION,
    )
    motion_deadline_days = models.PositiveSmallIntegerField(
        _("deadline for motions: working days before the meeting"), default=9
    )
    motion_deadline_time = models.TimeField(
        _("deadline for motions: time"), default=datetime.time(12, 0)
    )
    amendment_deadline_days = models.PositiveSmallIntegerField(
        _("deadline for amendments: working days before the meeting"), default=9
    )
    amendment_deadline_time = models.TimeField(
        _("deadline for amendments: time"), default=datetime.time(12, 0)
    )
    member_kinds = models.JSONField(
        _("kinds of member"), default=default_member_kinds, validators=[validate_member_kinds]
    )
    proxies_per_holder = models.PositiveSmallIntegerField(
        _("proxies a voting card may carry"),
        default=0,
        help_text=_(
            "How many other members may let one member vote for them at a meeting "
            "(machtiging). 0: the association's rules allow no proxies."
        ),
    )
    card_holders_need_second_factor = models.BooleanField(
        _("voting-card holders sign in with a second factor"),
        default=False,
        help_text=_(
            "The person who holds a member's voting card for a meeting must then use an "
            "authenticator app, as the secretariat and the board do."
        ),
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vote_weights__in=["population", "equal", "member"]),
                name="association_vote_weights_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if (
            HEX_COLOUR.regex.match(self.primary_colour or "")
            and HEX_COLOUR.regex.match(self.on_primary_colour or "")
            and contrast_ratio(self.primary_colour, self.on_primary_colour) < 4.5
        ):
            errors["on_primary_colour"] = _(
                "Too little contrast with the brand colour (at least 4.5 to 1)."
            )
        if (
            HEX_COLOUR.regex.match(self.link_colour or "")
            and contrast_ratio(self.link_colour, "#ffffff") < 4.5
        ):
            errors["link_colour"] = _("Too little contrast with white (at least 4.5 to 1).")
        if errors:
            raise ValidationError(errors)

    # The one row

    _cache = None  # (papers revision, association), in this process

    @classmethod
    def current(cls, request=None):
        """The association, made with the defaults if there is none yet.

        Its writes count as writes of the papers (alv.freshness), so it is kept in this
        process under the papers' revision, and every process sees a change at once. A page
        that reads the revision anyway (the request's, `request` or the request being
        answered, alv.middleware) takes no query for it; any other reads the row and the
        revision in one query, and the page has the revision from then on."""
        from alv import freshness
        from alv.middleware import current_request

        request = request if request is not None else current_request.get()
        known = freshness.known_revision(request)
        cached = cls._cache
        if known is not None and cached is not None and cached[0] == known:
            return cached[1]
        rows = cls.objects.order_by("pk")
        if known is None:
            counter = PapersRevision.objects.filter(pk=1).values("revision")[:1]
            association = rows.annotate(
                papers_revision=Coalesce(Subquery(counter), Value(0))
            ).first()
            if association is None:
                revision = freshness.papers_revision()
            else:
                revision = association.papers_revision
            freshness.remember_revision(request, revision)
        else:
            revision = known
            association = rows.first()
        if association is None:
            association, _created = cls.objects.get_or_create(
                pk=1, defaults={"name": "Vereniging", "short_name": "ALV"}
            )
            revision = freshness.papers_revision()
        cls._cache = (revision, association)
        return association

    @classmethod
    def forget(cls):
        """Drop what this process keeps (tests, after a rollback)."""
        cls._cache = None

    # What the association decides

    def opening_of_motion(self, date_text):
        """The opening formula with its placeholders filled in; any other text is kept as it
        was typed (no template language: the secretariat's text is never evaluated)."""
        values = {"name": self.name, "short_name": self.short_name, "date": date_text}
        return _PLACEHOLDER.sub(
            lambda match: values.get(match.group(1), match.group(0)), self.motion_opening
        )

    def motion_deadline_for(self, starts_at):
        from alv.deadlines import deadline

        return deadline(starts_at, self.motion_deadline_days, self.motion_deadline_time)

    def amendment_deadline_for(self, starts_at):
        from alv.deadlines import deadline

        return deadline(starts_at, self.amendment_deadline_days, self.amendment_deadline_time)

    @property
    def member_noun(self):
        """What its members are called in "My municipality", "your water board": the noun of
        its first kind of member."""
        return member_noun(self.member_kinds[0] if self.member_kinds else "")

    def _checked_colour(self, name):
        # Checked again here: a row written past the form must not write CSS.
        value = getattr(self, name)
        return value if HEX_COLOUR.regex.match(value or "") else self._meta.get_field(name).default

    @property
    def book_colours(self):
        """The colours of the meeting book: a background, the text on it, and headings."""
        return {
            "background": self._checked_colour("primary_colour"),
            "on_background": self._checked_colour("on_primary_colour"),
            "heading": self._checked_colour("link_colour"),
        }

    @property
    def theme_css(self):
        """The design tokens that make the theme this association's (a stylesheet: the
        Content-Security-Policy allows no inline style). The colours are validated hex."""
        colour = self._checked_colour
        primary = colour("primary_colour")
        return (
            ".alv-theme {\n"
            f"  --alv-color-primary: {primary};\n"
            f"  --alv-color-primary-dark: {primary};\n"
            f"  --alv-color-on-primary: {colour('on_primary_colour')};\n"
            f"  --alv-color-link: {colour('link_colour')};\n"
            "}\n"
        )
