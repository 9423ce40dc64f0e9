from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from agenda.models import AgendaItem, Meeting
from alv import roles
from alv.access import board_required, object_id, secretariat_required
from book import assembly, builds, docx, refresh
from book.models import BookBuild, book_storage
from motions.models import Proposal


def _meeting(request, pk, edition):
    """The meeting, if `request.user` may read this edition of its book."""
    if edition not in assembly.EDITIONS:
        raise Http404
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    if edition == assembly.SECRETARIAT and not roles.can_see_unpublished(request.user):
        raise PermissionDenied
    if edition == assembly.MEMBER and not meeting.is_published:
        # Members see nothing of unpublished papers: there is no member edition yet.
        raise Http404
    return meeting


def _check_decisions(request, meeting, edition):
    """A decision list in any format reaches whoever reads it on its page, no one else; and
    its member edition exists only once the secretariat has published it."""
    if not Meeting.objects.decisions_visible_to(request.user).filter(pk=meeting.pk).exists():
        raise Http404
    if edition == assembly.MEMBER and meeting.decisions_published_at is None:
        raise Http404


def _target(request, meeting, edition):
    """The agenda item or proposal of a partial book, from the query (scope, target)."""
    scope = request.GET.get("scope", assembly.MEETING)
    if scope not in assembly.SCOPES:
        raise Http404
    if scope == assembly.MEETING:
        return scope, None
    if scope == assembly.DECISIONS:
        _check_decisions(request, meeting, edition)
        return scope, None
    try:
        target = builds.target_of(meeting, scope, object_id(request.GET.get("target")))
    except (AgendaItem.DoesNotExist, Proposal.DoesNotExist):
        raise Http404 from None
    return scope, target


def _format(request):
    """The file format asked for (?format=docx); the PDF when none is given."""
    fmt = request.GET.get("format", "pdf")
    if fmt not in builds.FORMATS:
        raise Http404
    return fmt


def _state(meeting, edition, scope, target, request_build=False, retry=False, fmt="pdf"):
    try:
        if request_build:
            state = builds.request(meeting, edition, scope, target, fmt=fmt, retry=retry)
        else:
            state = builds.state(meeting, edition, scope, target, fmt=fmt)
    except LookupError:
        # A draft motion, or an item of nothing published, is not in this edition.
        raise Http404 from None
    if edition == assembly.MEMBER and not (state.is_current or state.is_pending):
        # The papers changed a moment ago: the member books are about to be queued
        # (book.refresh). The page says so and waits, rather than offer nothing.
        state.refreshing = refresh.is_pending(meeting)
    return state


def _status_context(request, state, target=None):
    query = {}
    if state.scope != assembly.MEETING:
        query["scope"] = state.scope
    if target is not None:
        query["target"] = target.pk
    if state.fmt != "pdf":
        query["format"] = state.fmt
    return {
        "fmt": state.fmt,
        "state": state,
        "meeting": state.meeting,
        "edition": state.edition,
        "scope": state.scope,
        "target": target,
        # Every link and form of a book's status keeps its scope, target and format.
        "target_query": f"?{urlencode(query)}" if query else "",
        # The books members read are kept ready (book.refresh); only the secretariat starts a
        # build by hand. Reading never builds.
        "can_build": roles.is_secretariat(request.user),
        "can_see_details": roles.can_see_unpublished(request.user),
    }


@require_GET
@board_required
def book_page(request, pk):
    """The secretariat's page for a meeting's book: both editions, built in the background."""
    meeting = get_object_or_404(Meeting, pk=pk)
    shown = (
        [assembly.MEMBER, assembly.SECRETARIAT] if meeting.is_published else [assembly.SECRETARIAT]
    )
    editions = [
        {
            "edition": edition,
            "formats": [
                _status_context(request, builds.state(meeting, edition, fmt=fmt))
                for fmt in builds.FORMATS
            ],
        }
        for edition in shown
    ]
    return render(
        request,
        "book/book_page.html",
        {
            "meeting": meeting,
            "editions": editions,
            "items": meeting.ordered_items(),
        },
    )


@require_GET
def book_status(request, pk, edition):
    """Where a book stands; polled by the page while it is being built. Polled from the page
    a member's download link led to (`?then=download`), a ready book is downloaded at once."""
    meeting = _meeting(request, pk, edition)
    scope, target = _target(request, meeting, edition)
    state = _state(meeting, edition, scope, target, fmt=_format(request))
    context = _status_context(request, state, target)
    then_download = request.GET.get("then") == "download"
    if then_download and request.htmx and state.is_current:
        response = render(request, "book/_status.html", context)
        # As an attachment: the reader stays on this page while the file is saved.
        response["HX-Redirect"] = file_url(state.ready) + "?download=1"
        return response
    context["then_download"] = then_download
    return render(request, "book/_status.html", context)


@require_POST
@secretariat_required
def book_build(request, pk, edition):
    """Start building the current book (or try a failed one again): the secretariat's."""
    meeting = _meeting(request, pk, edition)
    scope, target = _target(request, meeting, edition)
    state = _state(
        meeting, edition, scope, target, request_build=True, retry=True, fmt=_format(request)
    )
    context = _status_context(request, state, target)
    if request.htmx:
        return render(request, "book/_status.html", context)
    if scope == assembly.MEETING:
        return redirect("book:page", pk=meeting.pk)
    return redirect(reverse("book:get", args=[meeting.pk, edition]) + context["target_query"])


@require_GET
def book_get(request, pk, edition):
    """The link members follow: the current book if it is ready (the stored file, at once),
    otherwise a page with where it stands, which downloads the book as soon as it is ready. A
    GET never changes anything: the books members read are built when the papers change."""
    meeting = _meeting(request, pk, edition)
    scope, target = _target(request, meeting, edition)
    state = _state(meeting, edition, scope, target, fmt=_format(request))
    if state.is_current:
        return redirect(file_url(state.ready))
    context = _status_context(request, state, target)
    context["then_download"] = True
    return render(request, "book/wait.html", context)


@require_GET
def book_file(request, build_id, name):
    """A stored book: a plain file, revalidated with its ETag and Last-Modified (304)."""
    build = get_object_or_404(BookBuild.objects.ready().select_related("meeting"), pk=build_id)
    meeting = _meeting(request, build.meeting_id, build.edition)
    if build.scope == assembly.DECISIONS:
        # Checked at every download: a publication taken back takes its files back too.
        _check_decisions(request, meeting, build.edition)
    if build.edition == assembly.MEMBER and not builds.is_current(build):
        # Checked at every download too: an outdated member book may show what has been
        # withdrawn since (a motion back to draft, pre-advice unpublished). The current one
        # is built anew from the book's page.
        raise Http404
    last_modified = int(build.finished_at.timestamp())  # HTTP dates have whole seconds
    response = get_conditional_response(request, etag=build.etag, last_modified=last_modified)
    if response is None:
        response = _stored_file(build, as_attachment=request.GET.get("download") == "1")
    response["ETag"] = build.etag
    response["Last-Modified"] = http_date(last_modified)
    # Members' and the secretariat's copies are personal to their access: no shared caches.
    response["Cache-Control"] = "private, no-cache"
    return response


def _stored_file(build, as_attachment):
    """The file, streamed from the folder; from object storage, a redirect to a link of the
    storage that works for a minute (the checks above have been passed by then), so no app
    server carries the bytes."""
    storage = book_storage()
    content_type = builds.FORMATS[build.format].content_type
    name = builds.download_name(build)
    if not isinstance(storage, FileSystemStorage):
        disposition = content_disposition_header(as_attachment, name)
        url = storage.url(
            build.file_name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            expire=SIGNED_LINK_SECONDS,
        )
        return HttpResponseRedirect(url)
    try:
        handle = storage.open(build.file_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, content_type=content_type, filename=name, as_attachment=as_attachment
    )


@require_GET
@board_required
def pre_advice_overview(request, pk):
    """The board's pre-advice on every motion and amendment as one Word table, for the
    secretariat and the board: drafts included and marked. Small, so made in the request."""
    meeting = get_object_or_404(Meeting, pk=pk)
    book = assembly.build(meeting, assembly.SECRETARIAT)
    date = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    response = HttpResponse(
        docx.render_pre_advice_overview(book), content_type=builds.FORMATS["docx"].content_type
    )
    name = f"{slugify(meeting.title) or 'alv'}-{date}-preadviezen.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache"
    return response


# A signed link of the object storage works this long: enough to start the download, too short
# to pass on.
SIGNED_LINK_SECONDS = 60


def file_url(build):
    return reverse("book:file", args=[build.pk, builds.download_name(build)])
