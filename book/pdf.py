"""The PDF renderer of the meeting book: the assembled book (book/assembly.py) through a Django
template and a print stylesheet into WeasyPrint, as a tagged PDF/UA-1 file."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATE_DIR = Path(__file__).parent / "templates" / "book" / "pdf"
TEMPLATE = "book/pdf/book.html"
DECISIONS_TEMPLATE = "book/pdf/decisions.html"

# PDF/UA-1 makes WeasyPrint tag the PDF (structure tree for screen readers) and write the
# UA identification into its XMP metadata; it needs the document's title and language, which
# the template gives (<title>, <html lang>).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def layout_files():
    """Every file the PDF's look and words depend on: its templates and stylesheet, and the
    translations of the book's language. A change to any makes stored books outdated."""
    files = sorted(p for p in TEMPLATE_DIR.iterdir() if p.is_file())
    for locale_path in settings.LOCALE_PATHS:
        catalogue = Path(locale_path) / settings.LANGUAGE_CODE / "LC_MESSAGES" / "django.po"
        if catalogue.exists():
            files.append(catalogue)
    return files


def render_html(book):
    """The HTML of a book, or of a decision list (the same page layout, its own template)."""
    from book.assembly import DECISIONS

    template = DECISIONS_TEMPLATE if book.scope == DECISIONS else TEMPLATE
    with translation.override(book.language):
        return render_to_string(template, {"book": book})


def render_html_to_pdf(html):
    """WeasyPrint alone: lay out the HTML and write the PDF bytes."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(**PDF_OPTIONS)
    return document.write_pdf(**PDF_OPTIONS), len(document.pages)


def render_pdf(book):
    """The book as PDF bytes, and its number of pages."""
    return render_html_to_pdf(render_html(book))


def layout(html):
    """The laid-out WeasyPrint document, for checks on where the boxes stand."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(**PDF_OPTIONS)
