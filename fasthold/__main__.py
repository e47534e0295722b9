from fasthold.cli import main

raise SystemExit(main())
