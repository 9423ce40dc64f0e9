# The submitters of a resolution are members.Member now (state only: the table is the same).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0006_strip_control_characters"),
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resolutionsubmitter",
                    name="member",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, to="members.member"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalresolutionsubmitter",
                    name="member",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="members.member",
                    ),
                ),
                migrations.AlterField(
                    model_name="resolution",
                    name="submitters",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="resolutions",
                        through="agenda.ResolutionSubmitter",
                        to="members.member",
                        verbose_name="submitters",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
