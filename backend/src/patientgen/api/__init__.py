"""HTTP layer: routing, authentication and error rendering. No SQL here."""
