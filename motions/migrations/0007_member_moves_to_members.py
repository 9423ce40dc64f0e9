# Every reference to the member now points at members.Member (state only: the table is the
# same), then motions forgets the model.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("motions", "0006_strip_control_characters"),
        ("members", "0001_initial"),
        ("agenda", "0007_member_moves_to_members"),
        ("alv", "0004_member_moves_to_members"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="proposalsubmitter",
                    name="member",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="members.member",
                        verbose_name="member",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalproposalsubmitter",
                    name="member",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="members.member",
                        verbose_name="member",
                    ),
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="submitters",
                    field=models.ManyToManyField(
                        related_name="proposals",
                        through="motions.ProposalSubmitter",
                        to="members.member",
                        verbose_name="submitters",
                    ),
                ),
                migrations.AlterField(
                    model_name="ballot",
                    name="member",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ballots",
                        to="members.member",
                        verbose_name="member",
                    ),
                ),
                migrations.DeleteModel(name="Member"),
            ],
            database_operations=[],
        ),
    ]
