"""The member's home in a network: composed from every domain app, so it sits above them all
(``members`` knows nothing of requests or pairs)."""
