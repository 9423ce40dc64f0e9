"""A URLconf of deliberately good and bad views, to show that the access tests catch the bad
ones (tests of the tests: a check that cannot fail proves nothing)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from agenda.models import Meeting
from alv.access import get_for_meeting, secretariat_required
from motions.models import Motion, Proposal


@secretariat_required
def guarded_page(request):
    return HttpResponse("for the secretariat")


def unguarded_page(request):
    return HttpResponse("for anyone, by mistake")


def get_that_writes(request):
    Meeting.objects.update(location="changed by a GET")
    return HttpResponse("ok")


def leaky_titles(request):
    # By mistake: all motions, not Proposal.objects.visible_to(request.user).
    return HttpResponse(", ".join(p.title for p in Proposal.objects.all()))


def _draft_titles():
    return [p.title for p in Proposal.objects.filter(is_draft=True)]


def leaky_word_export(request):
    import io

    import docx

    document = docx.Document()
    for title in _draft_titles():
        document.add_paragraph(title)
    out = io.BytesIO()
    document.save(out)
    return HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def leaky_pdf_export(request):
    from weasyprint import HTML

    body = "".join(f"<p>{title}</p>" for title in _draft_titles())
    return HttpResponse(HTML(string=body).write_pdf(), content_type="application/pdf")


def unscoped_motion(request, meeting_pk, motion_pk):
    get_object_or_404(Meeting, pk=meeting_pk)
    motion = get_object_or_404(Motion, pk=motion_pk)  # by mistake: any meeting's motion
    if request.method == "POST":
        motion.title = "changed through another meeting"
        motion.save(update_fields=["title"])
    return HttpResponse(motion.title)


def scoped_motion(request, meeting_pk, motion_pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_pk)
    motion = get_for_meeting(Motion.objects.visible_to(request.user), meeting, pk=motion_pk)
    if request.method == "POST":
        motion.title = "changed"
        motion.save(update_fields=["title"])
    return HttpResponse(motion.title)


urlpatterns = [
    path("guarded/", guarded_page, name="guarded_page"),
    path("unguarded/", unguarded_page, name="unguarded_page"),
    path("unlisted/", unguarded_page, name="unlisted_page"),
    path("writes/", get_that_writes, name="get_that_writes"),
    path("titles/", leaky_titles, name="leaky_titles"),
    path("book.docx", leaky_word_export, name="leaky_word_export"),
    path("book.pdf", leaky_pdf_export, name="leaky_pdf_export"),
    path("m/<int:meeting_pk>/motions/<int:motion_pk>/", unscoped_motion, name="unscoped_motion"),
    path("s/<int:meeting_pk>/motions/<int:motion_pk>/", scoped_motion, name="scoped_motion"),
]

# The project's own pages too: the login page, the 403 page's links.
urlpatterns += [path("", include("alv.urls"))]
