import sys

if sys.argv[1:2] in (["ingest"], ["demo"]):  # the parsing helper shares the CLI's imports
    from governance.ingest import sandbox

    sandbox.start_here()

from governance.cli import main

sys.exit(main())
