"""Great Expectations suites for every import, their result and its HTML page."""
