from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
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
