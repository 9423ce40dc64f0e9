"""The table of the "throttle" cache (settings.CACHES, alv/throttle.py)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # Creates the table of every database cache in settings.CACHES that does not exist yet.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("alv", "0005_user_people")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
