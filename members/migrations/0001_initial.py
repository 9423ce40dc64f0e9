# The Member model moves from motions to members. Its table stays as it is here (state only);
# 0002 renames it once every reference points at members.Member.

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("motions", "0006_strip_control_characters"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Member",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "cbs_code",
                            models.CharField(
                                blank=True, max_length=6, null=True, unique=True, verbose_name="CBS code"
                            ),
                        ),
                        ("province", models.CharField(blank=True, max_length=100, verbose_name="province")),
                        (
                            "population",
                            models.PositiveIntegerField(blank=True, null=True, verbose_name="population"),
                        ),
                        (
                            "vote_weight",
                            models.PositiveIntegerField(
                                default=1,
                                help_text="The weight of this member's voting card.",
                                verbose_name="vote weight",
                            ),
                        ),
                        ("active", models.BooleanField(default=True, verbose_name="active")),
                    ],
                    options={
                        "verbose_name": "member",
                        "verbose_name_plural": "members",
                        "ordering": ["name"],
                        "db_table": "motions_member",
                        "constraints": [
                            models.UniqueConstraint(fields=("name",), name="member_unique_name")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
