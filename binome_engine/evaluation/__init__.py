"""A labelled evaluation set for the shortlist, and its quality metrics."""
