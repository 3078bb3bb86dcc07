"""Writes of the on-demand flow, one module per step; each function is one operation."""
