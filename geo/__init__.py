"""Arabic war reporting → geocoded, dated events → a map of who holds what."""
