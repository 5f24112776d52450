# One review per answer and card, one open session per learner (issue 9). A database that met
# the race before these constraints may hold duplicates: they are repaired first, so the
# migration applies to a live database.

from django.db import migrations, models
from django.db.models import Count, Min


def repair(apps, schema_editor):
    db = schema_editor.connection.alias
    StudySession = apps.get_model("learning", "StudySession")
    Review = apps.get_model("learning", "Review")

    # Several open sessions: the newest stays open, the others end when it started, as
    # starting it would have ended them.
    crowded = (
        StudySession.objects.using(db)
        .filter(finished_at__isnull=True)
        .values("learner_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("learner_id", flat=True)
    )
    for learner_id in list(crowded):
        open_sessions = StudySession.objects.using(db).filter(
            learner_id=learner_id, finished_at__isnull=True
        )
        newest = open_sessions.order_by("-started_at", "-pk").first()
        open_sessions.exclude(pk=newest.pk).update(finished_at=newest.started_at)

    # One answer recorded twice: the first review stays, the copies go.
    repeated = (
        Review.objects.using(db)
        .filter(question__isnull=False)
        .values("question_id", "card_id")
        .annotate(n=Count("pk"), first=Min("pk"))
        .filter(n__gt=1)
        .values_list("question_id", "card_id", "first")
    )
    for question_id, card_id, first in list(repeated):
        Review.objects.using(db).filter(question_id=question_id, card_id=card_id).exclude(
            pk=first
        ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0004_factbase_stamp"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.UniqueConstraint(
                condition=models.Q(("question__isnull", False)),
                fields=("question", "card"),
                name="one_review_per_question_card",
            ),
        ),
        migrations.AddConstraint(
            model_name="studysession",
            constraint=models.UniqueConstraint(
                condition=models.Q(("finished_at__isnull", True)),
                fields=("learner",),
                name="one_open_session_per_learner",
            ),
        ),
    ]
