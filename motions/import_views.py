"""The secretariat imports motions that members sent as Word files: upload, preview, confirm.
Discarding a file's preview asks first (the server refuses it without).

The parsed result waits in the session between the preview and the confirmation, so the
uploaded files themselves are never stored."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agenda.models import Meeting
from alv.access import object_id, secretariat_required
from alv.confirmation import confirmed
from members.models import Member
from motions.models import MotionPart
from motions.word_import import MAX_UPLOAD_BYTES, UploadRejected, parse_motion, read_upload
from motions.word_template import motion_template_docx

SESSION_KEY = "motion_imports"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meeting_for_secretariat(request, pk):
    # The secretariat sees every meeting, published or not.
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)


@require_safe
def motion_template(request):
    response = HttpResponse(motion_template_docx(), content_type=DOCX)
    response["Content-Disposition"] = 'attachment; filename="motie-sjabloon.docx"'
    return response


def _pending(request, meeting):
    return request.session.get(SESSION_KEY, {}).get(str(meeting.pk), [])


def _store(request, meeting, pending):
    imports = request.session.get(SESSION_KEY, {})
    imports[str(meeting.pk)] = pending
    request.session[SESSION_KEY] = imports


def _serialise(filename, parsed):
    return {
        "filename": filename,
        "title": parsed.title,
        "submitters_text": parsed.submitters_text,
        "submitters": [m.pk for m in parsed.submitters],
        "submitter_names": [m.name for m in parsed.submitters],
        "submitters_note": parsed.submitters_note,
        "request_intro": parsed.request_intro,
        "parts": parsed.parts,
        "explanation": parsed.explanation,
        "problems": parsed.problems,
        "source": parsed.source,
    }


@secretariat_required
def import_motions(request, pk):
    meeting = _meeting_for_secretariat(request, pk)
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            messages.error(request, _("Choose one or more Word files."))
        pending = _pending(request, meeting)
        # The members of the meeting's day: a motion of an old meeting names members of then.
        members = list(Member.objects.on(meeting.date))
        for upload in files:
            try:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise UploadRejected(_("The file is larger than 10 MB."))
                blocks = read_upload(upload.name, upload.read())
            except UploadRejected as rejected:
                messages.error(request, f"{upload.name}: {rejected}")
                continue
            pending.append(_serialise(upload.name, parse_motion(blocks, members)))
        _store(request, meeting, pending)
        return redirect("motion_import", pk=meeting.pk)
    return _page(request, meeting)


def _page(request, meeting, confirming=None, refusal="", status=200):
    """The import page: the files read so far, each to check and confirm. `confirming`: the
    index of the file whose confirmation to discard it is shown open, with `refusal` (why
    nothing happened) in it."""
    pending = _pending(request, meeting)
    for entry in pending:
        entry["part_rows"] = [(MotionPart.Kind(kind).label, text) for kind, text in entry["parts"]]
    context = {
        "meeting": meeting,
        "items": meeting.ordered_items(),
        "pending": pending,
        "confirming": confirming,
        "refusal": refusal,
    }
    return render(request, "motions/import.html", context, status=status)


@secretariat_required
@require_POST
def confirm_import(request, pk, index):
    from motions.word_import import ParsedMotion

    meeting = _meeting_for_secretariat(request, pk)
    pending = _pending(request, meeting)
    if index >= len(pending):
        messages.error(request, _("This import has already been handled."))
        return redirect("motion_import", pk=meeting.pk)
    entry = pending[index]
    if request.POST.get("action") == "discard":
        if not confirmed(request):
            # What was read would be lost: the page asks first. Back to it with the
            # confirmation open, saying why nothing happened.
            refusal = _(
                "Nothing was discarded: confirm first that what was read from %(file)s is "
                "thrown away."
            ) % {"file": entry["filename"]}
            return _page(request, meeting, confirming=index, refusal=refusal, status=400)
        pending.pop(index)
        _store(request, meeting, pending)
        messages.info(request, _("%(file)s was discarded.") % {"file": entry["filename"]})
        return redirect("motion_import", pk=meeting.pk)
    item_id = object_id(request.POST.get("agenda_item"))
    item = meeting.items.filter(pk=item_id).first() if item_id else None
    members = Member.objects.in_bulk(entry["submitters"])
    submitters = [members[pk] for pk in entry["submitters"] if pk in members]
    if item is None:
        messages.error(request, _("Choose the agenda item the motion belongs to."))
    elif not submitters:
        messages.error(request, _("A motion needs at least one submitting member."))
    elif not entry["title"]:
        messages.error(request, _("A motion needs a title."))
    else:
        parsed = ParsedMotion(
            title=entry["title"],
            submitters_note=entry["submitters_note"],
            request_intro=entry["request_intro"],
            parts=[tuple(part) for part in entry["parts"]],
            explanation_lines=[entry["explanation"]] if entry["explanation"] else [],
        )
        motion = parsed.create_draft(item, submitters)
        pending.pop(index)
        _store(request, meeting, pending)
        messages.success(
            request,
            _("Draft motion created under item %(number)s: %(name)s")
            % {"number": item.number, "name": motion.display_name},
        )
    return redirect(reverse("motion_import", args=[meeting.pk]))
