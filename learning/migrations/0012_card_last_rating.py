"""Card.last_rating: the rating of the card's last answer, filled for existing cards from their
latest review (by time, then id: two reviews of one card can share a time only in tests)."""

from django.db import migrations, models

BACKFILL = """
UPDATE learning_card SET last_rating = (
    SELECT r.rating FROM learning_review r
    WHERE r.card_id = learning_card.id
    ORDER BY r.reviewed_at DESC, r.id DESC
    LIMIT 1
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0011_drop_redundant_foreign_key_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="card",
            name="last_rating",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
