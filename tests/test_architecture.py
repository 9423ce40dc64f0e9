"""The floors of docs/architecture.md hold: the ground floor imports no app (but in urls.py),
and every app's models import only the floors below it, so no two models modules import each
other."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FLOORS = [
    "alv",
    "members",
    "agenda",
    "motions",
    "voting",
    "submissions",
    "papers",
    "book",
    "live",
    "workspace",
]


def imported_apps(path):
    """The project's apps that the module at `path` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(FLOORS)
    return found


def modules(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def test_every_app_of_the_project_has_its_floor():
    project_apps = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    assert sorted(project_apps) == sorted(FLOORS)


def test_the_ground_floor_imports_no_app_but_in_urls():
    offenders = {
        str(path.relative_to(ROOT)): imported_apps(path) - {"alv"}
        for path in modules("alv")
        if path.name != "urls.py"
    }
    assert {path: apps for path, apps in offenders.items() if apps} == {}


def test_every_models_module_imports_only_the_floors_below_it():
    offenders = {}
    for floor, app in enumerate(FLOORS):
        path = ROOT / app / "models.py"
        if path.exists():
            above = imported_apps(path) - set(FLOORS[: floor + 1])
            if above:
                offenders[app] = above
    assert offenders == {}


def test_the_members_app_stands_on_the_ground_floor_only():
    domain = [p for p in modules("members") if p.name in ("models.py", "imports.py", "names.py")]
    assert {str(p.relative_to(ROOT)): imported_apps(p) - {"alv", "members"} for p in domain} == {
        str(p.relative_to(ROOT)): set() for p in domain
    }
