"""The loader's example corporate memory: built on the report's divisions
and counterparts, flagged as example data, made once."""

import io

import pytest
from django.core.management import call_command

from advisory.models import AdvisoryPost, Engagement, Tour
from missions.models import Lesson, LessonStage

pytestmark = pytest.mark.django_db


def load():
    call_command("load_source_data", stdout=io.StringIO())


def test_example_posts_tours_engagements_and_an_observation(db):
    load()
    posts = list(AdvisoryPost.objects.all())
    assert posts and all(post.is_example and post.title.startswith("Example") for post in posts)
    assert all(post.objectives.exists() for post in posts)
    assert Tour.objects.filter(post__in=posts).count() > len(posts) // 2
    assert Engagement.objects.exists() and all(engagement.is_example for engagement in Engagement.objects.all())
    observation = Lesson.objects.get(stage=LessonStage.OBSERVATION)
    assert observation.is_example
    assert not Lesson.objects.visible_to(None).filter(pk=observation.pk).exists()
    # In both languages, as every example record the site may show.
    assert all(post.title_ar.startswith("مثال") and post.duties_ar for post in posts)
    assert observation.title_ar and observation.summary_ar

    # Made once: a post staff deleted stays deleted.
    deleted = posts[0]
    Engagement.objects.filter(post=deleted).delete()
    deleted.delete()
    load()
    assert AdvisoryPost.objects.count() == len(posts) - 1


def test_facts_only_makes_no_examples(db):
    call_command("load_source_data", "--facts-only", stdout=io.StringIO())
    assert not AdvisoryPost.objects.exists()
