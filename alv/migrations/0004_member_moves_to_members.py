# A user's member is members.Member now (state only: the table is the same).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("alv", "0003_papers_revision"),
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="user",
                    name="member",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The member (municipality) this account speaks for, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="users",
                        to="members.member",
                        verbose_name="member",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
