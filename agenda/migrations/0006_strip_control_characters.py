from django.db import migrations


def strip(apps, schema_editor):
    # Texts saved before control characters were stripped on save (alv.text).
    from alv.text import clean_stored_rows

    for model in apps.get_app_config("agenda").get_models():
        clean_stored_rows(model)


class Migration(migrations.Migration):
    dependencies = [("agenda", "0005_historicalmeeting_current_item_and_more")]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
