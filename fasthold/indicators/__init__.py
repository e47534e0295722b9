"""Pure functions on the stored panel: every number in a report is computed here."""
