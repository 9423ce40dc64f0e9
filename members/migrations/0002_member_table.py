# Now that nothing refers to motions.Member any more, the table takes the members app's name.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("motions", "0007_member_moves_to_members"),
    ]

    operations = [
        migrations.AlterModelTable(name="member", table=None),
    ]
