"""Import profiles: how one sender's spreadsheet layout maps onto the catalog, mapped once
and remembered.

``format`` reads and writes the TOML file (every mistake refused with one line naming its
key); ``apply`` reads a file with a profile and finds the saved profile a file fits;
``saved`` keeps profiles in the store (each save or removal a batch); ``suggest`` proposes
a mapping for a file no layout recognises (the upload page's mapping step).
"""

from governance.ingest.profiles.apply import apply, fits, read, recognise
from governance.ingest.profiles.format import Profile, ProfileError, dotted, parse, to_toml

__all__ = ["Profile", "ProfileError", "apply", "dotted", "fits", "parse", "read",
           "recognise", "to_toml"]
