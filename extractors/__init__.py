"""Extractors: spaCy components over underthesea segmentation, each writing its own span group."""
