from django.core.management.base import BaseCommand

from book.docx_template import TEMPLATE_PATH, write_template


class Command(BaseCommand):
    help = "Write the Word template of the meeting book (styles an association may restyle)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default=str(TEMPLATE_PATH))

    def handle(self, output, **options):
        self.stdout.write(f"{write_template(output)}")
