"""fasthold."""
