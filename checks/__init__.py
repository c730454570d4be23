"""The checks an upload's typed frame passes: pandera models built from the column
declarations passed in, rules across columns and rows, and the plain findings both report.

A leaf: it imports no governance module. ``governance.ingest.validate`` passes the catalog's
declarations in and turns the findings into problems with rows and headers as written.
"""
