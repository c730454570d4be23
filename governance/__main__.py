import sys

if sys.argv[1:2] in (["ingest"], ["demo"]):  # the parsing helper loads alongside the CLI
    from governance.ingest import sandbox

    sandbox.start()

from governance.cli import main

sys.exit(main())
