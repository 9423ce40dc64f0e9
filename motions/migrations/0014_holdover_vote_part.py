import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("motions", "0013_pre_advice_parts"),
    ]

    operations = [
        migrations.AddField(
            model_name="holdover",
            name="vote_part",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="hold_over",
                to="motions.votepart",
                verbose_name="held-over part",
            ),
        ),
        migrations.AddField(
            model_name="holdover",
            name="continued_as",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="continues_hold_over",
                to="motions.proposal",
                verbose_name="continued as",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="holdover",
            name="holdover_unique_item",
        ),
        migrations.AddConstraint(
            model_name="holdover",
            constraint=models.UniqueConstraint(
                condition=models.Q(("vote_part__isnull", True)),
                fields=("proposal", "from_item"),
                name="holdover_unique_item",
            ),
        ),
    ]
