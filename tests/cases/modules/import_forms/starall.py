__all__ = ["exported", "also_exported", "_private_but_listed"]


def exported():
    return "exported"


also_exported = 2
hidden_by_all = 3
_private_but_listed = 4
