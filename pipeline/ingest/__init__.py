"""Ingest: bytes to one normalised Document (sniff, decode, load, normalise, feeds)."""
