"""Quality evaluation: ``real`` is the hand-written labelled set and its command."""
