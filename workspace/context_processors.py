from alv import roles


def workspace(request):
    # A callable, so the role is looked up only on pages that show the navigation.
    return {"workspace_access": lambda: roles.can_see_unpublished(request.user)}
