import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


@pytest.fixture(autouse=True)
def book_storage(settings, tmp_path):
    # Every test keeps its books apart, and nothing lands in the developer's media folder.
    settings.BOOK_STORAGE = tmp_path / "books"
    return settings.BOOK_STORAGE


def make_worker():
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


@pytest.fixture
def work_off_queue():
    """Runs what the worker would run, in the test's transaction: every queued task, once.
    (The worker's own loop closes connections between tasks, which a test transaction cannot
    survive; its `run_task` is the same code.)"""

    def run():
        worker = make_worker()
        ran = 0
        for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
        return ran

    return run
